package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentMethodCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.auth.ApiKeys;
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
    PaymentIntent pi =
        server
            .v1()
            .paymentIntents()
            .create(
                PaymentIntentCreateParams.builder().setAmount(3100L).setCurrency("usd").build());
    PaymentMethod pm =
        browser
            .v1()
            .paymentMethods()
            .create(
                PaymentMethodCreateParams.builder()
                    .setType(PaymentMethodCreateParams.Type.CARD)
                    .putExtraParam("card[token]", "tok_visa")
                    .build());
    PaymentIntent seen =
        browser
            .v1()
            .paymentIntents()
            .retrieve(
                pi.getId(),
                PaymentIntentRetrieveParams.builder()
                    .setClientSecret(pi.getClientSecret())
                    .build());
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

  @Test
  void withoutTheRightSecretItSeesNothing() throws StripeException {
    PaymentIntent pi =
        server
            .v1()
            .paymentIntents()
            .create(
                PaymentIntentCreateParams.builder().setAmount(3100L).setCurrency("usd").build());
    assertStripeError(() -> browser.v1().paymentIntents().retrieve(pi.getId()))
        .isInvalidRequest()
        .hasParam("client_secret");
    assertStripeError(() ->
            browser
                .v1()
                .paymentIntents()
                .retrieve(
                    pi.getId(),
                    PaymentIntentRetrieveParams.builder()
                        .setClientSecret(pi.getId() + "_secret_wrong")
                        .build()))
        .isInvalidRequest()
        .hasParam("client_secret");
  }

  @Test
  void everyOtherRouteWantsTheSecretKey() {
    assertStripeError(() -> browser.v1().charges().list())
        .isAuthenticationError()
        .hasStatus(401)
        .hasCode("secret_key_required");
    assertStripeError(() ->
            browser
                .v1()
                .paymentIntents()
                .create(
                    PaymentIntentCreateParams.builder()
                        .setAmount(3100L)
                        .setCurrency("usd")
                        .build()))
        .isAuthenticationError()
        .hasCode("secret_key_required");
  }
}
