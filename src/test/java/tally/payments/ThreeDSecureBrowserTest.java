package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Browser.waitFor;

import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tally.testing.Browser;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * Stripe's 3-D Secure test cards send a PaymentIntent to {@code requires_action}; headless Chromium
 * completes or fails the hosted authentication page and lands on the {@code return_url}.
 */
class ThreeDSecureBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private PaymentIntent needingAuthentication(String method) throws Exception {
    PaymentIntent pi =
        IntentCalls.needingAuthentication(stripe, method, SERVER.baseUrl() + "/healthz");
    assertThat(pi.getNextAction().getType()).isEqualTo("redirect_to_url");
    assertThat(pi.getNextAction().getRedirectToUrl().getReturnUrl())
        .isEqualTo(SERVER.baseUrl() + "/healthz");
    assertThat(pi.getLatestCharge()).isNull();
    return pi;
  }

  private String authenticate(PaymentIntent pi, String button) {
    WebDriver browser = Browser.open();
    try {
      browser.get(pi.getNextAction().getRedirectToUrl().getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText())
          .isEqualTo("3D Secure 2 Test Page");
      browser.findElement(By.id(button)).click();
      waitFor(browser).until(ExpectedConditions.urlContains("redirect_status="));
      return browser.getCurrentUrl();
    } finally {
      browser.quit();
    }
  }

  @Test
  void completedAuthenticationPaysTheIntent() throws Exception {
    PaymentIntent pi = needingAuthentication("pm_card_threeDSecure2Required");
    String landed = authenticate(pi, "test-source-authorize-3ds");
    assertThat(landed)
        .startsWith(SERVER.baseUrl() + "/healthz?payment_intent=" + pi.getId())
        .contains("payment_intent_client_secret=" + pi.getClientSecret())
        .endsWith("redirect_status=succeeded");
    PaymentIntent paid = stripe.v1().paymentIntents().retrieve(pi.getId());
    assertThat(paid.getStatus()).isEqualTo("succeeded");
    assertThat(paid.getNextAction()).isNull();
    assertThat(stripe.v1().charges().retrieve(paid.getLatestCharge()).getPaymentIntent())
        .isEqualTo(pi.getId());
    assertThat(Fixtures.events(stripe, "payment_intent.requires_action"))
        .extracting(Event::getType)
        .isNotEmpty();
  }

  @Test
  void failedAuthenticationLeavesTheIntentWithoutAMethod() throws Exception {
    PaymentIntent pi = needingAuthentication("pm_card_authenticationRequired");
    String landed = authenticate(pi, "test-source-fail-3ds");
    assertThat(landed).endsWith("redirect_status=failed");
    PaymentIntent failed = stripe.v1().paymentIntents().retrieve(pi.getId());
    assertThat(failed.getStatus()).isEqualTo("requires_payment_method");
    assertThat(failed.getPaymentMethod()).isNull();
    assertThat(failed.getLastPaymentError().getCode())
        .isEqualTo("payment_intent_authentication_failure");
    assertThat(failed.getLastPaymentError().getPaymentMethod().getCard().getLast4())
        .isEqualTo("3184");
    assertThat(failed.getLatestCharge()).isNull();
  }
}
