package tally.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.authorize;
import static tally.testing.Fixtures.chargeParams;
import static tally.testing.StripeErrors.assertStripeError;
import static tally.testing.StripeErrors.assertThatStripeError;
import static tally.testing.StripeErrors.catchCardError;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeCreateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Concurrently;
import tally.testing.TallyServer;

class IdempotencyTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static ChargeCreateParams charge(long amount, String token) {
    return chargeParams(token, amount).build();
  }

  private static RequestOptions key(String key) {
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  @Test
  void retryWithTheSameKeyReplaysTheFirstResponse() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge first = stripe.v1().charges().create(charge(2000, "tok_visa"), key("order-1"));
    Charge again = stripe.v1().charges().create(charge(2000, "tok_visa"), key("order-1"));
    assertThat(again.getId()).isEqualTo(first.getId());
    assertThat(again.toJson()).isEqualTo(first.toJson());
    var headers = again.getLastResponse().headers();
    assertThat(headers.firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(headers.firstValue("Original-Request"))
        .hasValue(first.getLastResponse().requestId());
    assertThat(headers.firstValue("Idempotency-Key")).hasValue("order-1");
    assertThat(again.getLastResponse().requestId())
        .isNotEqualTo(first.getLastResponse().requestId());
    assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(stripe.v1().charges().list().getData()).hasSize(1);
    assertThat(stripe.v1().balanceTransactions().list().getData()).hasSize(1);
  }

  @Test
  void theSameKeyWithOtherParametersIsAnIdempotencyError() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    stripe.v1().charges().create(charge(2000, "tok_visa"), key("k-params"));
    assertStripeError(() -> stripe.v1().charges().create(charge(3000, "tok_visa"), key("k-params")))
        .isIdempotencyError()
        .hasStatus(400)
        .hasType("idempotency_error")
        .hasMessage(
            "Keys for idempotent requests can only be used with the same parameters they"
                + " were first used with. Try using a key other than 'k-params' if you"
                + " meant to execute a different request.");
  }

  @Test
  void theSameKeyOnAnotherEndpointIsAnIdempotencyError() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c = stripe.v1().charges().create(charge(2000, "tok_visa"), key("k-endpoint"));
    assertStripeError(() ->
            stripe
                .v1()
                .charges()
                .capture(c.getId(), ChargeCaptureParams.builder().build(), key("k-endpoint")))
        .isIdempotencyError()
        .hasMessageStartingWith(
            "Keys for idempotent requests can only be used for the same endpoint they"
                + " were first used for ('/v1/charges' vs '/v1/charges/");
  }

  @Test
  void aDeclineIsStoredAndReplayed() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    CardException first =
        catchCardError(() ->
            stripe.v1().charges().create(charge(2000, "tok_chargeDeclined"), key("k-decline")));
    CardException again =
        catchCardError(() ->
            stripe.v1().charges().create(charge(2000, "tok_chargeDeclined"), key("k-decline")));
    assertThat(again.getCharge()).isEqualTo(first.getCharge());
    assertThat(stripe.v1().charges().list().getData()).hasSize(1);
  }

  @Test
  void anErrorDuringExecutionIsStoredButItsWritesAreNot() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c = stripe.v1().charges().create(charge(2000, "tok_visa"));
    RequestOptions k = key("k-capture-twice");
    assertStripeError(() ->
            stripe.v1().charges().capture(c.getId(), ChargeCaptureParams.builder().build(), k))
        .isInvalidRequest();
    assertStripeError(() ->
            stripe.v1().charges().capture(c.getId(), ChargeCaptureParams.builder().build(), k))
        .isInvalidRequest()
        .hasCode("charge_already_captured");
  }

  @Test
  void aValidationFailureIsNotStoredSoAFixedRetryExecutes() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    assertStripeError(() -> stripe.v1().charges().create(charge(10, "tok_visa"), key("k-fix")))
        .isInvalidRequest();
    Charge fixed = stripe.v1().charges().create(charge(1000, "tok_visa"), key("k-fix"));
    assertThat(fixed.getStatus()).isEqualTo("succeeded");
    assertThat(fixed.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
  }

  @Test
  void keysLongerThan255CharactersAreRefused() {
    // stripe-java refuses such keys itself, so this goes over raw HTTP as other clients would.
    var response =
        SERVER.raw(
            "POST",
            "/v1/charges",
            SERVER.newKey(),
            "amount=1000&currency=usd&source=tok_visa",
            java.util.Map.of("Idempotency-Key", "k".repeat(256)));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Invalid Idempotency-Key");
  }

  @Test
  void keysAreScopedToTheAccount() throws StripeException {
    Charge a =
        SERVER.newClient().v1().charges().create(charge(1000, "tok_visa"), key("shared-key"));
    Charge b =
        SERVER.newClient().v1().charges().create(charge(1000, "tok_visa"), key("shared-key"));
    assertThat(a.getId()).isNotEqualTo(b.getId());
  }

  @Test
  void keysAreForgottenAfter24Hours() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge first = stripe.v1().charges().create(charge(1000, "tok_visa"), key("k-old"));
    SERVER.clock().advance(Duration.ofHours(25));
    try {
      assertThat(SERVER.runJobs()).isGreaterThanOrEqualTo(1);
      Charge second = stripe.v1().charges().create(charge(1000, "tok_visa"), key("k-old"));
      assertThat(second.getId()).isNotEqualTo(first.getId());
    } finally {
      SERVER.clock().advance(Duration.ofHours(-25));
    }
  }

  @Test
  void twentyConcurrentRequestsWithOneKeyExecuteOnce() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Set<String> chargeIds = ConcurrentHashMap.newKeySet();
    AtomicInteger executed = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    Concurrently.run(
        20,
        i -> {
          try {
            Charge c = stripe.v1().charges().create(charge(1234, "tok_visa"), key("race-key"));
            chargeIds.add(c.getId());
            boolean replay =
                c.getLastResponse().headers().firstValue("Idempotent-Replayed").isPresent();
            (replay ? replayed : executed).incrementAndGet();
          } catch (ApiException e) {
            assertThatStripeError(e).isApiError().hasStatus(409).hasCode("idempotency_key_in_use");
            conflicts.incrementAndGet();
          }
        });
    // Exactly one request executed; each of the other 19 either replayed it or was told the key
    // is in use (which of the two depends on timing, so only their sum is fixed).
    assertThat(executed).hasValue(1);
    assertThat(replayed.get() + conflicts.get()).isEqualTo(19);
    assertThat(chargeIds).hasSize(1);
    assertThat(stripe.v1().charges().list().getData()).hasSize(1);
  }

  @Test
  void twentyConcurrentCapturesCaptureOnce() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Charge c = authorize(stripe, "tok_visa", 5000);
    List<String> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(
        20,
        i -> {
          try {
            stripe.v1().charges().capture(c.getId());
            outcomes.add("captured");
          } catch (InvalidRequestException e) {
            outcomes.add(e.getCode());
          }
        });
    assertThat(outcomes).filteredOn("captured"::equals).hasSize(1);
    assertThat(outcomes).filteredOn("charge_already_captured"::equals).hasSize(19);
    assertThat(
            stripe
                .v1()
                .balanceTransactions()
                .list(
                    com.stripe.param.BalanceTransactionListParams.builder()
                        .setSource(c.getId())
                        .build())
                .getData())
        .hasSize(1);
  }

  @Test
  void concurrentMetadataUpdatesLoseNoKey() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Charge c = stripe.v1().charges().create(charge(1000, "tok_visa"));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("k" + i);
    }
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    Concurrently.run(
        20,
        i -> {
          String k = keys.get(next.getAndIncrement());
          stripe
              .v1()
              .charges()
              .update(
                  c.getId(),
                  com.stripe.param.ChargeUpdateParams.builder().putMetadata(k, "v").build());
        });
    assertThat(stripe.v1().charges().retrieve(c.getId()).getMetadata()).containsOnlyKeys(keys);
  }
}
