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
import com.stripe.param.checkout.SessionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tally.testing.Browser;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * Headless Chromium on the hosted checkout page, filled by the input names of Stripe's hosted
 * Checkout; the API then shows the payment.
 */
class CheckoutBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  /** A payment-mode session returning to the server's health page. */
  private static SessionCreateParams.Builder payment() {
    return SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setSuccessUrl(CheckoutPayer.successUrl(SERVER));
  }

  private static void waitForSuccess(WebDriver browser, Session s) {
    CheckoutPayer.waitForSuccess(browser, SERVER, s);
  }

  /** Pays with a 3-D Secure card, passes the authentication and lands on the success URL. */
  private static void authenticateAndComplete(WebDriver browser, Session s, String card) {
    CheckoutPayer.submit(browser, card);
    CheckoutPayer.answer3ds(browser, "authorize");
    waitForSuccess(browser, s);
  }

  @Test
  void aDeclineThenAGoodCardCompleteTheSession() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Session s =
        CheckoutFixtures.create(
            stripe,
            payment()
                .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)
                .addLineItem(CheckoutFixtures.adhoc(1200, 2)));
    Browser.run(browser -> {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Pay $24.00");
      assertThat(browser.findElement(By.id("test-mode")).isDisplayed()).isTrue();
      assertThat(browser.findElement(By.id("merchant")).getText()).isEqualTo("Tally test merchant");
      browser.findElement(By.id("email")).sendKeys("payer@example.com");
      CheckoutPayer.submit(browser, "4000 0000 0000 0002");
      waitFor(browser)
          .until(ExpectedConditions.textToBe(By.id("error"), "Your card was declined."));
      CheckoutPayer.submit(browser, "4242 4242 4242 4242");
      waitForSuccess(browser, s);
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Already paid");
    });
    Session done = CheckoutFixtures.retrieve(stripe, s);
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
    assertThat(Fixtures.events(stripe, "checkout.session.completed"))
        .extracting(Event::getType)
        .containsExactly("checkout.session.completed");
  }

  @Test
  void a3dsCardIsAuthenticatedOnTheHostedPageThenCompletesTheSession() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Session s =
        CheckoutFixtures.create(stripe, payment().addLineItem(CheckoutFixtures.adhoc(4500, 1)));
    Browser.run(browser -> {
      browser.get(s.getUrl());
      browser.findElement(By.id("email")).sendKeys("payer@example.com");
      authenticateAndComplete(browser, s, "4000 0027 6000 3184");
    });
    Session done = CheckoutFixtures.retrieve(stripe, s);
    assertThat(done.getStatus()).isEqualTo("complete");
    assertThat(done.getPaymentStatus()).isEqualTo("paid");
    PaymentIntent pi = stripe.v1().paymentIntents().retrieve(done.getPaymentIntent());
    assertThat(pi.getStatus()).isEqualTo("succeeded");
    assertThat(pi.getAmountReceived()).isEqualTo(4500L);
  }

  @Test
  void setupModeSavesTheCardOnTheCustomer() throws Exception {
    StripeClient stripe = SERVER.newClient();
    var customer = Fixtures.customer(stripe, "saver@example.com");
    Session s =
        CheckoutFixtures.create(
            stripe,
            SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP)
                .setCurrency("usd")
                .setCustomer(customer.getId())
                .setSetupIntentData(
                    SessionCreateParams.SetupIntentData.builder()
                        .setDescription("Card for later")
                        .putMetadata("plan", "pro")
                        .build())
                .setSuccessUrl(CheckoutPayer.successUrl(SERVER)));
    Browser.run(browser -> {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Save your card");
      authenticateAndComplete(browser, s, "4000 0025 0000 3155");
    });
    Session done = CheckoutFixtures.retrieve(stripe, s);
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
