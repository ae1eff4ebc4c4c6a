package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.intentParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.auth.ApiKeys;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * The account's publishable key works where Stripe.js uses it (creating PaymentMethods, retrieving
 * and confirming an intent with its client secret) and nowhere else.
 */
class PublishableKeyTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final String secretKey = SERVER.newKey();
  private final StripeClient server = SERVER.client(secretKey);
  private final StripeClient browser = SERVER.client(ApiKeys.publishableFor(secretKey));

  @Test
  void aBrowserPaysAnIntentItHasTheSecretOf() throws StripeException {
    PaymentIntent pi = IntentCalls.create(server, intentParams(3100L));
    PaymentMethod pm = Fixtures.card(browser, "tok_visa");
    PaymentIntent seen =
        browser.v1().paymentIntents().retrieve(pi.getId(), withSecret(pi.getClientSecret()));
    assertThat(seen.getStatus()).isEqualTo("requires_payment_method");
    PaymentIntent paid =
        browser
            .v1()
            .paymentIntents()
            .confirm(
                pi.getId(),
                PaymentIntentConfirmParams.builder()
                    .setPaymentMethod(pm.getId())
                    .putExtraParam("client_secret", pi.getClientSecret())
                    .build());
    assertThat(paid.getStatus()).isEqualTo("succeeded");
  }

  private static PaymentIntentRetrieveParams withSecret(String clientSecret) {
    return PaymentIntentRetrieveParams.builder().setClientSecret(clientSecret).build();
  }

  @Test
  void withoutTheRightSecretItSeesNothing() throws StripeException {
    PaymentIntent pi = IntentCalls.create(server, intentParams(3100L));
    assertStripeError(() -> browser.v1().paymentIntents().retrieve(pi.getId()))
        .isInvalidRequest()
        .hasParam("client_secret");
    assertStripeError(() ->
            browser
                .v1()
                .paymentIntents()
                .retrieve(pi.getId(), withSecret(pi.getId() + "_secret_wrong")))
        .isInvalidRequest()
        .hasParam("client_secret");
  }

  @Test
  void everyOtherRouteWantsTheSecretKey() {
    assertStripeError(() -> browser.v1().charges().list())
        .isAuthenticationError()
        .hasStatus(401)
        .hasCode("secret_key_required");
    assertStripeError(() -> IntentCalls.create(browser, intentParams(3100L)))
        .isAuthenticationError()
        .hasCode("secret_key_required");
  }
}
