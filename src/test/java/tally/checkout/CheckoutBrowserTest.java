package tally.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Browser.waitFor;

import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tally.testing.Browser;
import tally.testing.TallyServer;

/**
 * Headless Chromium on the hosted checkout page, filled by the input names of Stripe's hosted
 * Checkout; the API then shows the payment.
 */
class CheckoutBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static String successUrl() {
    return SERVER.baseUrl() + "/healthz?session={CHECKOUT_SESSION_ID}";
  }

  private static String successFor(Session s) {
    return SERVER.baseUrl() + "/healthz?session=" + s.getId();
  }

  /** Types a card and billing details as a payer would on Stripe's page. */
  static void fill(WebDriver browser, String number) {
    for (String id : new String[] {"cardNumber", "cardExpiry", "cardCvc", "billingName"}) {
      browser.findElement(By.id(id)).clear();
    }
    browser.findElement(By.id("cardNumber")).sendKeys(number);
    browser.findElement(By.id("cardExpiry")).sendKeys("12 / 34");
    browser.findElement(By.id("cardCvc")).sendKeys("123");
    browser.findElement(By.id("billingName")).sendKeys("Jenny Rosen");
    new Select(browser.findElement(By.id("billingCountry"))).selectByValue("GB");
    browser.findElement(By.id("billingPostalCode")).clear();
    browser.findElement(By.id("billingPostalCode")).sendKeys("EC1A 1BB");
  }

  @Test
  void aDeclineThenAGoodCardCompleteTheSession() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Session s =
        stripe
            .v1()
            .checkout()
            .sessions()
            .create(
                SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.PAYMENT)
                    .setSuccessUrl(successUrl())
                    .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)
                    .addLineItem(CheckoutTest.adhoc(1200, 2))
                    .build());
    WebDriver browser = Browser.open();
    try {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Pay $24.00");
      assertThat(browser.findElement(By.id("test-mode")).isDisplayed()).isTrue();
      assertThat(browser.findElement(By.id("merchant")).getText()).isEqualTo("Tally test merchant");
      browser.findElement(By.id("email")).sendKeys("payer@example.com");
      fill(browser, "4000 0000 0000 0002");
      browser.findElement(By.id("pay")).click();
      waitFor(browser)
          .until(ExpectedConditions.textToBe(By.id("error"), "Your card was declined."));
      fill(browser, "4242 4242 4242 4242");
      browser.findElement(By.id("pay")).click();
      waitFor(browser).until(ExpectedConditions.urlToBe(successFor(s)));
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Already paid");
    } finally {
      browser.quit();
    }
    Session done = stripe.v1().checkout().sessions().retrieve(s.getId());
    assertThat(done.getStatus()).isEqualTo("complete");
    assertThat(done.getPaymentStatus()).isEqualTo("paid");
    assertThat(done.getUrl()).isNull();
    assertThat(done.getCustomer()).startsWith("cus_");
    assertThat(done.getCustomerDetails().getEmail()).isEqualTo("payer@example.com");
    assertThat(done.getCustomerDetails().getAddress().getCountry()).isEqualTo("GB");
    var paid = stripe.v1().charges().list().getData();
    assertThat(paid).extracting(Charge::getStatus).containsExactly("succeeded", "failed");
    assertThat(paid.getFirst().getAmount()).isEqualTo(2400L);
    assertThat(paid.getFirst().getCustomer()).isEqualTo(done.getCustomer());
    assertThat(paid.getFirst().getPaymentIntent()).isEqualTo(done.getPaymentIntent());
    assertThat(
            stripe
                .v1()
                .events()
                .list(EventListParams.builder().setType("checkout.session.completed").build())
                .getData())
        .extracting(Event::getType)
        .containsExactly("checkout.session.completed");
  }

  @Test
  void a3dsCardIsAuthenticatedOnTheHostedPageThenCompletesTheSession() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Session s =
        stripe
            .v1()
            .checkout()
            .sessions()
            .create(
                SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.PAYMENT)
                    .setSuccessUrl(successUrl())
                    .addLineItem(CheckoutTest.adhoc(4500, 1))
                    .build());
    WebDriver browser = Browser.open();
    try {
      browser.get(s.getUrl());
      browser.findElement(By.id("email")).sendKeys("payer@example.com");
      fill(browser, "4000 0027 6000 3184");
      browser.findElement(By.id("pay")).click();
      waitFor(browser)
          .until(ExpectedConditions.elementToBeClickable(By.id("test-source-authorize-3ds")))
          .click();
      waitFor(browser).until(ExpectedConditions.urlToBe(successFor(s)));
    } finally {
      browser.quit();
    }
    Session done = stripe.v1().checkout().sessions().retrieve(s.getId());
    assertThat(done.getStatus()).isEqualTo("complete");
    assertThat(done.getPaymentStatus()).isEqualTo("paid");
    PaymentIntent pi = stripe.v1().paymentIntents().retrieve(done.getPaymentIntent());
    assertThat(pi.getStatus()).isEqualTo("succeeded");
    assertThat(pi.getAmountReceived()).isEqualTo(4500L);
  }

  @Test
  void setupModeSavesTheCardOnTheCustomer() throws Exception {
    StripeClient stripe = SERVER.newClient();
    var customer =
        stripe
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setEmail("saver@example.com").build());
    Session s =
        stripe
            .v1()
            .checkout()
            .sessions()
            .create(
                SessionCreateParams.builder()
                    .setMode(SessionCreateParams.Mode.SETUP)
                    .setCurrency("usd")
                    .setCustomer(customer.getId())
                    .setSetupIntentData(
                        SessionCreateParams.SetupIntentData.builder()
                            .setDescription("Card for later")
                            .putMetadata("plan", "pro")
                            .build())
                    .setSuccessUrl(successUrl())
                    .build());
    WebDriver browser = Browser.open();
    try {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Save your card");
      fill(browser, "4000 0025 0000 3155");
      browser.findElement(By.id("pay")).click();
      waitFor(browser)
          .until(ExpectedConditions.elementToBeClickable(By.id("test-source-authorize-3ds")))
          .click();
      waitFor(browser).until(ExpectedConditions.urlToBe(successFor(s)));
    } finally {
      browser.quit();
    }
    Session done = stripe.v1().checkout().sessions().retrieve(s.getId());
    assertThat(done.getStatus()).isEqualTo("complete");
    assertThat(done.getPaymentStatus()).isEqualTo("no_payment_required");
    assertThat(done.getPaymentIntent()).isNull();
    SetupIntent si = stripe.v1().setupIntents().retrieve(done.getSetupIntent());
    assertThat(si.getStatus()).isEqualTo("succeeded");
    assertThat(si.getCustomer()).isEqualTo(customer.getId());
    assertThat(si.getDescription()).isEqualTo("Card for later");
    assertThat(si.getMetadata()).containsEntry("plan", "pro");
    PaymentMethod pm = stripe.v1().paymentMethods().retrieve(si.getPaymentMethod());
    assertThat(pm.getCustomer()).isEqualTo(customer.getId());
    assertThat(pm.getBillingDetails().getName()).isEqualTo("Jenny Rosen");
    assertThat(pm.getBillingDetails().getEmail()).isEqualTo("saver@example.com");
  }
}
