package tally.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Browser.waitFor;

import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tally.testing.Browser;
import tally.testing.TallyServer;

/** Headless Chromium pays on the hosted checkout page; the API then shows the payment. */
class CheckoutBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

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
                    .setSuccessUrl(SERVER.baseUrl() + "/healthz?session={CHECKOUT_SESSION_ID}")
                    .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)
                    .addLineItem(CheckoutTest.adhoc(1200, 2))
                    .build());
    WebDriver browser = Browser.open();
    try {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Pay $24.00");
      browser.findElement(By.id("email")).sendKeys("payer@example.com");
      browser.findElement(By.id("number")).sendKeys("4000 0000 0000 0002");
      browser.findElement(By.id("pay")).click();
      waitFor(browser)
          .until(ExpectedConditions.textToBe(By.id("error"), "Your card was declined."));
      browser.findElement(By.id("number")).clear();
      browser.findElement(By.id("number")).sendKeys("4242 4242 4242 4242");
      browser.findElement(By.id("pay")).click();
      waitFor(browser)
          .until(ExpectedConditions.urlToBe(SERVER.baseUrl() + "/healthz?session=" + s.getId()));
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
    var paid = stripe.v1().charges().list().getData();
    assertThat(paid).extracting(Charge::getStatus).containsExactly("succeeded", "failed");
    assertThat(paid.getFirst().getAmount()).isEqualTo(2400L);
    assertThat(
            stripe
                .v1()
                .events()
                .list(EventListParams.builder().setType("checkout.session.completed").build())
                .getData())
        .extracting(Event::getType)
        .containsExactly("checkout.session.completed");
  }
}
