package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.intentParams;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.ChargeListParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.util.List;

/** The PaymentIntent calls the payments tests share, each made as a client would make it. */
final class IntentCalls {
  private IntentCalls() {}

  static PaymentIntent create(StripeClient stripe, PaymentIntentCreateParams.Builder params)
      throws StripeException {
    return stripe.v1().paymentIntents().create(params.build());
  }

  /** An intent paid at once with {@code pm_card_visa}. */
  static PaymentIntent paid(StripeClient stripe, long amount) throws StripeException {
    return create(stripe, intentParams(amount).setPaymentMethod("pm_card_visa").setConfirm(true));
  }

  /** An intent confirmed with {@code pm_card_visa} for manual capture: authorized, not captured. */
  static PaymentIntentCreateParams.Builder authorizationParams(long amount) {
    return intentParams(amount)
        .setPaymentMethod("pm_card_visa")
        .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
        .setConfirm(true);
  }

  /** Confirms a customer's saved method while the customer is away. */
  static PaymentIntent offSession(
      StripeClient stripe, long amount, String customer, String paymentMethod)
      throws StripeException {
    return create(
        stripe,
        intentParams(amount)
            .setCustomer(customer)
            .setPaymentMethod(paymentMethod)
            .setOffSession(true)
            .setConfirm(true));
  }

  /** Confirms the intent with the method given. */
  static PaymentIntent confirmWith(StripeClient stripe, String intent, String paymentMethod)
      throws StripeException {
    return stripe
        .v1()
        .paymentIntents()
        .confirm(
            intent, PaymentIntentConfirmParams.builder().setPaymentMethod(paymentMethod).build());
  }

  /** Confirms a 3-D Secure test card with a return URL: the intent waits for authentication. */
  static PaymentIntent needingAuthentication(StripeClient stripe, String method, String returnUrl)
      throws StripeException {
    PaymentIntent pi =
        create(
            stripe,
            intentParams(4200L).setPaymentMethod(method).setReturnUrl(returnUrl).setConfirm(true));
    assertThat(pi.getStatus()).isEqualTo("requires_action");
    return pi;
  }

  /** The charges of one intent, newest first. */
  static List<Charge> chargesOf(StripeClient stripe, String intent) throws StripeException {
    return stripe
        .v1()
        .charges()
        .list(ChargeListParams.builder().setPaymentIntent(intent).setLimit(100L).build())
        .getData();
  }
}
