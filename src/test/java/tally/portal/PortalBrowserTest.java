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
}
