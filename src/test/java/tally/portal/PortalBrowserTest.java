package tally.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Browser.waitFor;
import static tally.testing.Fixtures.customer;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.billingportal.Session;
import com.stripe.param.billingportal.SessionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tally.testing.Browser;
import tally.testing.TallyServer;

/** A real browser (headless Chromium) uses the hosted portal; the API then shows the changes. */
class PortalBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void aCustomerUpdatesTheirEmailAddsACardAndReturns() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Configuration config = stripe.v1().billingPortal().configurations().create(PortalTest.config());
    Customer customer = customer(stripe, "old@example.com");
    String returnUrl = SERVER.baseUrl() + "/healthz";
    Session session =
        PortalTest.openSession(
            stripe,
            customer.getId(),
            SessionCreateParams.builder().setConfiguration(config.getId()).setReturnUrl(returnUrl));
    WebDriver browser = Browser.open();
    try {
      browser.get(session.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Acme billing");
      browser.findElement(By.id("email")).clear();
      browser.findElement(By.id("email")).sendKeys("new@example.com");
      browser.findElement(By.id("save-customer")).click();
      waitFor(browser)
          .until(ExpectedConditions.textToBe(By.id("current-email"), "new@example.com"));
      browser.findElement(By.id("number")).sendKeys("5555 5555 5555 4444");
      browser.findElement(By.id("add-card")).click();
      waitFor(browser)
          .until(ExpectedConditions.textToBePresentInElementLocated(By.id("cards"), "4444"));
      assertThat(browser.findElement(By.id("cards")).getText()).contains("MasterCard");
      browser.findElement(By.id("number")).sendKeys("1234");
      browser.findElement(By.id("add-card")).click();
      waitFor(browser)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("error"), "not a test card number"));
      browser.findElement(By.id("return")).click();
      waitFor(browser).until(ExpectedConditions.urlToBe(returnUrl));
    } finally {
      browser.quit();
    }
    Customer after = stripe.v1().customers().retrieve(customer.getId());
    assertThat(after.getEmail()).isEqualTo("new@example.com");
    // As Stripe's portal: the new card is a PaymentMethod, the default for invoices.
    String method = after.getInvoiceSettings().getDefaultPaymentMethod();
    assertThat(stripe.v1().paymentMethods().retrieve(method).getCard().getLast4())
        .isEqualTo("4444");
    var events =
        stripe
            .v1()
            .events()
            .list(com.stripe.param.EventListParams.builder().setType("customer.updated").build())
            .getData();
    assertThat(events).hasSize(2);
  }

  @Test
  void aCardThatAsksFor3dsIsSavedOnlyOnceTheCustomerAuthenticates() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Configuration config = stripe.v1().billingPortal().configurations().create(PortalTest.config());
    Customer customer = customer(stripe, "secure@example.com");
    String back = SERVER.baseUrl() + "/healthz?card=saved";
    var flow =
        SessionCreateParams.FlowData.builder()
            .setType(SessionCreateParams.FlowData.Type.PAYMENT_METHOD_UPDATE)
            .setAfterCompletion(
                SessionCreateParams.FlowData.AfterCompletion.builder()
                    .setType(SessionCreateParams.FlowData.AfterCompletion.Type.REDIRECT)
                    .setRedirect(
                        SessionCreateParams.FlowData.AfterCompletion.Redirect.builder()
                            .setReturnUrl(back)
                            .build())
                    .build())
            .build();
    Session session =
        PortalTest.openSession(
            stripe,
            customer.getId(),
            SessionCreateParams.builder().setConfiguration(config.getId()).setFlowData(flow));
    WebDriver browser = Browser.open();
    try {
      browser.get(session.getUrl());
      // Failing the challenge saves nothing: the portal says why and asks again.
      browser.findElement(By.id("number")).sendKeys("4000 0025 0000 3155");
      browser.findElement(By.id("add-card")).click();
      waitFor(browser)
          .until(ExpectedConditions.elementToBeClickable(By.id("test-source-fail-3ds")))
          .click();
      waitFor(browser)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("error"), "failed authentication"));
      assertThat(browser.getCurrentUrl()).startsWith(session.getUrl());
      assertThat(browser.findElement(By.id("cards")).getText()).doesNotContain("3155");
      // Completing it saves the card and ends the flow as after_completion says.
      browser.findElement(By.id("number")).sendKeys("4000 0025 0000 3155");
      browser.findElement(By.id("add-card")).click();
      waitFor(browser)
          .until(ExpectedConditions.elementToBeClickable(By.id("test-source-authorize-3ds")))
          .click();
      waitFor(browser).until(ExpectedConditions.urlToBe(back));
    } finally {
      browser.quit();
    }
    String method =
        stripe
            .v1()
            .customers()
            .retrieve(customer.getId())
            .getInvoiceSettings()
            .getDefaultPaymentMethod();
    var card = stripe.v1().paymentMethods().retrieve(method);
    assertThat(card.getCard().getLast4()).isEqualTo("3155");
    assertThat(card.getCustomer()).isEqualTo(customer.getId());
    var setups =
        stripe
            .v1()
            .setupIntents()
            .list(
                com.stripe.param.SetupIntentListParams.builder()
                    .setCustomer(customer.getId())
                    .build())
            .getData();
    assertThat(setups)
        .extracting(com.stripe.model.SetupIntent::getStatus)
        .containsExactlyInAnyOrder("succeeded", "requires_payment_method");
    assertThat(
            stripe
                .v1()
                .paymentMethods()
                .list(
                    com.stripe.param.PaymentMethodListParams.builder()
                        .setCustomer(customer.getId())
                        .build())
                .getData())
        .extracting(com.stripe.model.PaymentMethod::getId)
        .containsExactly(method);
  }

  @Test
  void aReturnNamingAnotherSetupIntentSavesNothing() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Configuration config = stripe.v1().billingPortal().configurations().create(PortalTest.config());
    Customer customer = customer(stripe, "forged@example.com");
    Session session =
        PortalTest.openSession(
            stripe,
            customer.getId(),
            SessionCreateParams.builder().setConfiguration(config.getId()));
    var other =
        stripe
            .v1()
            .setupIntents()
            .create(
                com.stripe.param.SetupIntentCreateParams.builder()
                    .setCustomer(customer.getId())
                    .setPaymentMethod("pm_card_visa")
                    .setConfirm(true)
                    .build());
    String path = session.getUrl().substring(SERVER.baseUrl().length());
    var forged =
        SERVER.raw(
            "GET",
            path
                + "/payment_methods/return?setup_intent="
                + other.getId()
                + "&setup_intent_client_secret=wrong&redirect_status=succeeded",
            null,
            null,
            java.util.Map.of());
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("That card was not saved");
    assertThat(
            stripe
                .v1()
                .customers()
                .retrieve(customer.getId())
                .getInvoiceSettings()
                .getDefaultPaymentMethod())
        .isNull();
  }
}
