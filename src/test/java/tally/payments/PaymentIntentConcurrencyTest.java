package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.intentParams;
import static tally.testing.StripeErrors.assertThatStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Concurrently;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * Many clients confirming or capturing one PaymentIntent at once: exactly one wins, the rest get
 * Stripe's {@code payment_intent_unexpected_state}, and the money moves once.
 */
class PaymentIntentConcurrencyTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private static final int RACERS = 8;
  private final StripeClient stripe = SERVER.newClient();

  private PaymentIntent intent(long amount, PaymentIntentCreateParams.CaptureMethod capture)
      throws StripeException {
    return IntentCalls.create(
        stripe, intentParams(amount).setPaymentMethod("pm_card_visa").setCaptureMethod(capture));
  }

  /** Every racer's outcome: what it got back, or the error it got. */
  private record Outcomes<T>(List<T> won, List<Throwable> lost) {
    Outcomes() {
      this(
          Collections.synchronizedList(new ArrayList<>()),
          Collections.synchronizedList(new ArrayList<>()));
    }
  }

  private interface Attempt<T> {
    T run(int index) throws StripeException;
  }

  private static <T> Outcomes<T> race(Attempt<T> attempt) throws Exception {
    Outcomes<T> outcomes = new Outcomes<>();
    Concurrently.run(
        RACERS,
        index -> {
          try {
            outcomes.won().add(attempt.run(index));
          } catch (StripeException e) {
            outcomes.lost().add(e);
          }
        });
    return outcomes;
  }

  /** One racer won; every other one got an invalid request error with this code. */
  private static void assertOneWonTheRestGot(Outcomes<?> outcomes, String code) {
    assertThat(outcomes.won()).hasSize(1);
    assertThat(outcomes.lost()).hasSize(RACERS - 1);
    for (Throwable e : outcomes.lost()) {
      assertThatStripeError(e).isInvalidRequest().hasCode(code);
    }
  }

  private static void assertOneWon(Outcomes<PaymentIntent> outcomes, String status, String verb) {
    assertOneWonTheRestGot(outcomes, "payment_intent_unexpected_state");
    assertThat(outcomes.won().getFirst().getStatus()).isEqualTo(status);
    for (Throwable e : outcomes.lost()) {
      assertThatStripeError(e).hasStatus(400).hasMessageContaining("could not be " + verb);
    }
  }

  private List<Charge> chargesOf(String intent) throws StripeException {
    return IntentCalls.chargesOf(stripe, intent);
  }

  private List<BalanceTransaction> balanceTransactions(String source) throws StripeException {
    return stripe
        .v1()
        .balanceTransactions()
        .list(BalanceTransactionListParams.builder().setSource(source).setLimit(100L).build())
        .getData();
  }

  private List<BalanceTransaction> allBalanceTransactions() throws StripeException {
    return stripe
        .v1()
        .balanceTransactions()
        .list(BalanceTransactionListParams.builder().setLimit(100L).build())
        .getData();
  }

  @Test
  void concurrentConfirmsChargeOnce() throws Exception {
    PaymentIntent pi = intent(2000, PaymentIntentCreateParams.CaptureMethod.AUTOMATIC);
    assertThat(pi.getStatus()).isEqualTo("requires_confirmation");

    Outcomes<PaymentIntent> outcomes =
        race(index -> stripe.v1().paymentIntents().confirm(pi.getId()));

    assertOneWon(outcomes, "succeeded", "confirmed");
    PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
    assertThat(after.getStatus()).isEqualTo("succeeded");
    assertThat(after.getAmountReceived()).isEqualTo(2000L);
    List<Charge> charges = chargesOf(pi.getId());
    assertThat(charges).extracting(Charge::getId).containsExactly(after.getLatestCharge());
    assertThat(charges.getFirst().getAmountCaptured()).isEqualTo(2000L);
    assertThat(balanceTransactions(after.getLatestCharge())).hasSize(1);
    assertThat(allBalanceTransactions()).hasSize(1);
  }

  @Test
  void concurrentConfirmsEachWithANewTestMethodChargeOnce() throws Exception {
    PaymentIntent waiting = IntentCalls.create(stripe, intentParams(1800L));
    Set<String> methods = ConcurrentHashMap.newKeySet();

    Outcomes<PaymentIntent> outcomes =
        race(index -> {
          PaymentIntent paid = IntentCalls.confirmWith(stripe, waiting.getId(), "pm_card_visa");
          methods.add(paid.getPaymentMethod());
          return paid;
        });

    assertOneWon(outcomes, "succeeded", "confirmed");
    PaymentIntent after = stripe.v1().paymentIntents().retrieve(waiting.getId());
    assertThat(methods).containsExactly(after.getPaymentMethod());
    assertThat(chargesOf(waiting.getId())).hasSize(1);
    assertThat(allBalanceTransactions()).hasSize(1);
  }

  @Test
  void concurrentCapturesCaptureOnce() throws Exception {
    PaymentIntent pi = intent(5000, PaymentIntentCreateParams.CaptureMethod.MANUAL);
    PaymentIntent authorized = stripe.v1().paymentIntents().confirm(pi.getId());
    assertThat(authorized.getStatus()).isEqualTo("requires_capture");
    assertThat(allBalanceTransactions()).isEmpty();

    // Half name the full amount, half leave it implied: either way it is all captured once.
    Outcomes<PaymentIntent> outcomes =
        race(index ->
            index % 2 == 0
                ? stripe.v1().paymentIntents().capture(pi.getId())
                : stripe
                    .v1()
                    .paymentIntents()
                    .capture(
                        pi.getId(),
                        PaymentIntentCaptureParams.builder().setAmountToCapture(5000L).build()));

    assertOneWon(outcomes, "succeeded", "captured");
    long captured = 5000L;
    assertThat(outcomes.won().getFirst().getAmountReceived()).isEqualTo(captured);
    PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
    assertThat(after.getAmountReceived()).isEqualTo(captured);
    assertThat(after.getAmountCapturable()).isZero();
    List<Charge> charges = chargesOf(pi.getId());
    assertThat(charges).hasSize(1);
    assertThat(charges.getFirst().getAmountCaptured()).isEqualTo(captured);
    assertThat(charges.getFirst().getAmountRefunded()).isZero();
    List<BalanceTransaction> txns = balanceTransactions(after.getLatestCharge());
    assertThat(txns).hasSize(1);
    assertThat(txns.getFirst().getAmount()).isEqualTo(captured);
    assertThat(allBalanceTransactions()).hasSize(1);
  }

  @Test
  void aCaptureRacingACancelEndsOneWay() throws Exception {
    PaymentIntent pi = intent(3000, PaymentIntentCreateParams.CaptureMethod.MANUAL);
    stripe.v1().paymentIntents().confirm(pi.getId());

    Outcomes<PaymentIntent> outcomes =
        race(index ->
            index % 2 == 0
                ? stripe.v1().paymentIntents().capture(pi.getId())
                : stripe.v1().paymentIntents().cancel(pi.getId()));

    assertOneWonTheRestGot(outcomes, "payment_intent_unexpected_state");
    PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
    assertThat(after.getStatus()).isEqualTo(outcomes.won().getFirst().getStatus());
    Charge charge = stripe.v1().charges().retrieve(after.getLatestCharge());
    if (after.getStatus().equals("succeeded")) {
      assertThat(charge.getAmountCaptured()).isEqualTo(3000L);
      assertThat(allBalanceTransactions()).hasSize(1);
    } else {
      assertThat(after.getStatus()).isEqualTo("canceled");
      assertThat(charge.getCaptured()).isFalse();
      assertThat(allBalanceTransactions()).isEmpty();
    }
  }

  /**
   * One method used without a customer may pay once: intents racing to confirm with it get one
   * payment and {@code payment_method_unexpected_state} for the rest.
   */
  @Test
  void aLooseMethodRacedAcrossIntentsPaysOnce() throws Exception {
    String pm = Fixtures.card(stripe, "tok_visa").getId();
    List<String> intents = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      intents.add(IntentCalls.create(stripe, intentParams(1000L + i)).getId());
    }

    Outcomes<PaymentIntent> outcomes =
        race(index -> IntentCalls.confirmWith(stripe, intents.get(index), pm));

    assertOneWonTheRestGot(outcomes, "payment_method_unexpected_state");
    for (Throwable e : outcomes.lost()) {
      assertThatStripeError(e).hasStatus(400);
    }
    assertThat(allBalanceTransactions()).hasSize(1);
  }

  /** Racing attaches of one method to different customers: one customer gets it. */
  @Test
  void concurrentAttachesToDifferentCustomersAttachOnce() throws Exception {
    String pm = Fixtures.card(stripe, "tok_visa").getId();
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      customers.add(Fixtures.customer(stripe, "racer" + i + "@example.com").getId());
    }
    Outcomes<String> outcomes =
        race(index -> Fixtures.attach(stripe, pm, customers.get(index)).getCustomer());
    assertOneWonTheRestGot(outcomes, "payment_method_unexpected_state");
    assertThat(stripe.v1().paymentMethods().retrieve(pm).getCustomer())
        .isEqualTo(outcomes.won().getFirst());
    assertThat(Fixtures.events(stripe, "payment_method.attached")).hasSize(1);
  }

  private PaymentIntent needingAuthentication() throws StripeException {
    return IntentCalls.needingAuthentication(
        stripe, "pm_card_threeDSecure2Required", "https://shop.example/back");
  }

  /** The hosted 3-D Secure page answered by {@code RACERS} browsers at once. */
  private List<Integer> answerAtOnce(
      PaymentIntent pi, java.util.function.IntFunction<String> outcome) throws Exception {
    String path = java.net.URI.create(pi.getNextAction().getRedirectToUrl().getUrl()).getPath();
    List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(
        RACERS,
        index ->
            statuses.add(
                SERVER
                    .raw("POST", path, null, "outcome=" + outcome.apply(index), java.util.Map.of())
                    .statusCode()));
    return statuses;
  }

  @Test
  void aThreeDSecurePageCompletedManyTimesAtOncePaysOnce() throws Exception {
    PaymentIntent pi = needingAuthentication();
    List<Integer> statuses = answerAtOnce(pi, index -> "complete");
    assertThat(statuses).hasSize(RACERS).allMatch(s -> s == 303 || s == 404).contains(303);
    PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
    assertThat(after.getStatus()).isEqualTo("succeeded");
    assertThat(chargesOf(pi.getId()))
        .extracting(Charge::getId)
        .containsExactly(after.getLatestCharge());
    assertThat(allBalanceTransactions()).hasSize(1);
  }

  @Test
  void aThreeDSecurePageCompletedAndFailedAtOnceEndsOneWay() throws Exception {
    PaymentIntent pi = needingAuthentication();
    answerAtOnce(pi, index -> index % 2 == 0 ? "complete" : "fail");
    PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
    if (after.getStatus().equals("succeeded")) {
      assertThat(chargesOf(pi.getId())).hasSize(1);
      assertThat(allBalanceTransactions()).hasSize(1);
      assertThat(after.getLastPaymentError()).isNull();
    } else {
      assertThat(after.getStatus()).isEqualTo("requires_payment_method");
      assertThat(after.getLastPaymentError().getCode())
          .isEqualTo("payment_intent_authentication_failure");
      assertThat(chargesOf(pi.getId())).isEmpty();
      assertThat(allBalanceTransactions()).isEmpty();
    }
  }
}
