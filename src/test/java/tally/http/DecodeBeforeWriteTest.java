package tally.http;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.chargeParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/**
 * Params are decoded before the write transaction opens, but their errors keep Stripe's place in
 * line: after authentication and after the idempotency key's replay or refusal.
 */
class DecodeBeforeWriteTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static RequestOptions key(String key) {
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  private static ChargeCreateParams charge(long amount) {
    return chargeParams("tok_visa", amount).build();
  }

  @Test
  void aUsedKeyWithInvalidParamsIsAnIdempotencyErrorNotAValidationError() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    stripe.v1().charges().create(charge(2000), key("k-decode"));
    assertStripeError(() -> stripe.v1().charges().create(charge(-5), key("k-decode")))
        .isIdempotencyError()
        .hasStatus(400);
  }

  @Test
  void aValidationErrorWritesNothingAndLeavesTheKeyFree() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    assertStripeError(() -> stripe.v1().charges().create(charge(-5), key("k-fixed")))
        .isInvalidRequest()
        .hasParam("amount");
    assertThat(stripe.v1().charges().create(charge(2000), key("k-fixed")).getAmount())
        .isEqualTo(2000L);
    assertThat(stripe.v1().charges().list().getData()).hasSize(1);
  }
}
