package tally.testclocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.DisputeUpdateParams;
import com.stripe.param.RefundCreateParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * The older clock-driven jobs (funds settling, refund outcomes, dispute verdicts, Checkout expiry)
 * follow the test clock of the customer their object belongs to: their due times are in the clock's
 * time, the running clock's jobs leave them alone although those times are long past, and they fire
 * only when the clock is advanced past them.
 */
class ClockDrivenJobsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private static final long DAY = 86_400;
  private static final long START = 1_767_225_600L; // 2026-01-01T00:00:00Z, long before "now"

  private final StripeClient stripe = SERVER.newClient();
  private final TestClock clock;

  ClockDrivenJobsTest() throws StripeException {
    clock = Fixtures.testClock(stripe, START);
  }

  private Customer customerPayingWith(String token) throws StripeException {
    Customer customer =
        stripe
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setTestClock(clock.getId()).build());
    cards.put(customer.getId(), Fixtures.defaultCard(stripe, customer.getId(), token).getId());
    return customer;
  }

  private final Map<String, String> cards = new java.util.HashMap<>();

  /** The customer pays {@code amount} with its card through a PaymentIntent; its charge. */
  private Charge pay(Customer customer, long amount) throws StripeException {
    var params =
        Fixtures.intentParams(amount)
            .setCustomer(customer.getId())
            .setPaymentMethod(cards.get(customer.getId()))
            .setConfirm(true);
    PaymentIntent pi = stripe.v1().paymentIntents().create(params.build());
    return stripe.v1().charges().retrieve(pi.getLatestCharge());
  }

  private void advanceTo(long time) throws StripeException {
    Fixtures.advanceClockAndRunJobs(SERVER, stripe, clock.getId(), time);
  }

  private List<Event> events(String type) throws StripeException {
    return Fixtures.events(stripe, type);
  }

  private long pendingUsd() throws StripeException {
    return stripe.v1().balance().retrieve().getPending().stream()
        .filter(m -> m.getCurrency().equals("usd"))
        .mapToLong(m -> m.getAmount())
        .sum();
  }

  private long availableUsd() throws StripeException {
    return stripe.v1().balance().retrieve().getAvailable().stream()
        .filter(m -> m.getCurrency().equals("usd"))
        .mapToLong(m -> m.getAmount())
        .sum();
  }

  @Test
  void fundsOfACustomerOnAClockSettleWhenTheClockPassesThem() throws StripeException {
    Customer customer = customerPayingWith("tok_visa");
    Charge charge = pay(customer, 10_000);
    BalanceTransaction txn =
        stripe.v1().balanceTransactions().retrieve(charge.getBalanceTransaction());
    long settles = (START / DAY + 2) * DAY;
    assertThat(txn.getCreated()).isEqualTo(START);
    assertThat(txn.getAvailableOn()).isEqualTo(settles);
    assertThat(txn.getStatus()).isEqualTo("pending");

    // The running clock is long past available_on, but these funds are on the test clock.
    SERVER.runJobs();
    assertThat(stripe.v1().balanceTransactions().retrieve(txn.getId()).getStatus())
        .isEqualTo("pending");
    assertThat(pendingUsd()).isEqualTo(txn.getNet());
    assertThat(availableUsd()).isZero();

    advanceTo(settles - 1);
    assertThat(stripe.v1().balanceTransactions().retrieve(txn.getId()).getStatus())
        .isEqualTo("pending");
    assertThat(events("balance.available")).isEmpty();

    advanceTo(settles + DAY);
    assertThat(stripe.v1().balanceTransactions().retrieve(txn.getId()).getStatus())
        .isEqualTo("available");
    assertThat(availableUsd()).isEqualTo(txn.getNet());
    assertThat(pendingUsd()).isZero();
    List<Event> available = events("balance.available");
    assertThat(available).hasSize(1);
    assertThat(available.getFirst().getCreated()).isEqualTo(settles + DAY);
  }

  @Test
  void fundsOnTheRunningClockAreNotHeldByAClock() throws StripeException {
    Charge wall = Fixtures.charge(stripe, "tok_visa", 2_000);
    Customer customer = customerPayingWith("tok_visa");
    Charge onClock = pay(customer, 5_000);
    SERVER.clock().advance(java.time.Duration.ofDays(3));
    SERVER.runJobs();
    BalanceTransaction txn =
        stripe.v1().balanceTransactions().retrieve(wall.getBalanceTransaction());
    assertThat(txn.getStatus()).isEqualTo("available");
    assertThat(availableUsd()).isEqualTo(txn.getNet());
    assertThat(pendingUsd())
        .isEqualTo(
            stripe.v1().balanceTransactions().retrieve(onClock.getBalanceTransaction()).getNet());
    assertThat(events("balance.available")).hasSize(1);
  }

  @Test
  void aPendingRefundOnAClockSucceedsWhenTheClockPassesIt() throws StripeException {
    Customer customer = customerPayingWith("tok_pendingRefund");
    Charge charge = pay(customer, 3_000);
    Refund refund =
        stripe
            .v1()
            .refunds()
            .create(RefundCreateParams.builder().setCharge(charge.getId()).build());
    assertThat(refund.getStatus()).isEqualTo("pending");
    assertThat(refund.getCreated()).isEqualTo(START);

    SERVER.runJobs();
    assertThat(stripe.v1().refunds().retrieve(refund.getId()).getStatus()).isEqualTo("pending");

    advanceTo(START + 59);
    assertThat(stripe.v1().refunds().retrieve(refund.getId()).getStatus()).isEqualTo("pending");
    // Advanced well past it: it settles at its own time, not the clock's new one.
    advanceTo(START + 600);
    Refund done = stripe.v1().refunds().retrieve(refund.getId());
    assertThat(done.getStatus()).isEqualTo("succeeded");
    BalanceTransaction txn =
        stripe.v1().balanceTransactions().retrieve(done.getBalanceTransaction());
    assertThat(txn.getCreated()).isEqualTo(START + 60);
    assertThat(txn.getAmount()).isEqualTo(-3_000);
    assertThat(txn.getStatus()).isEqualTo("available");
  }

  @Test
  void aDisputeOnAClockGetsItsVerdictWhenTheClockPassesIt() throws StripeException {
    Customer customer = customerPayingWith("tok_createDispute");
    Charge charge = pay(customer, 4_000);
    Dispute dispute =
        stripe
            .v1()
            .disputes()
            .list(DisputeListParams.builder().setCharge(charge.getId()).build())
            .getData()
            .getFirst();
    assertThat(dispute.getCreated()).isEqualTo(START);
    // The withdrawal settles at once, on the clock as anywhere.
    assertThat(dispute.getBalanceTransactions().getFirst().getStatus()).isEqualTo("available");

    advanceTo(START + DAY);
    Dispute submitted =
        stripe
            .v1()
            .disputes()
            .update(
                dispute.getId(),
                DisputeUpdateParams.builder()
                    .setEvidence(
                        DisputeUpdateParams.Evidence.builder()
                            .setUncategorizedText("winning_evidence")
                            .build())
                    .setSubmit(true)
                    .build());
    assertThat(submitted.getStatus()).isEqualTo("under_review");
    assertThat(submitted.getEvidenceDetails().getSubmissionCount()).isEqualTo(1);
    assertThat(submitted.getEvidenceDetails().getPastDue()).isFalse();

    SERVER.runJobs();
    assertThat(stripe.v1().disputes().retrieve(dispute.getId()).getStatus())
        .isEqualTo("under_review");

    advanceTo(START + 2 * DAY);
    Dispute won = stripe.v1().disputes().retrieve(dispute.getId());
    assertThat(won.getStatus()).isEqualTo("won");
    assertThat(won.getBalanceTransactions()).hasSize(2);
    assertThat(won.getBalanceTransactions().getLast().getCreated()).isEqualTo(START + DAY + 5);
  }

  @Test
  void aCheckoutSessionOfACustomerOnAClockExpiresOnTheClock() throws StripeException {
    Customer customer = customerPayingWith("tok_visa");
    Session session =
        stripe
            .v1()
            .checkout()
            .sessions()
            .create(
                Fixtures.checkoutPayment(
                        "https://example.com/ok", Fixtures.checkoutItem("Mug", 1_500L, 1L))
                    .setCustomer(customer.getId())
                    .setExpiresAt(START + 3_600)
                    .build());
    assertThat(session.getCreated()).isEqualTo(START);
    assertThat(session.getExpiresAt()).isEqualTo(START + 3_600);

    SERVER.runJobs();
    assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus())
        .isEqualTo("open");
    // The hosted page still takes payment: the session has not expired on its clock.
    assertThat(SERVER.raw("GET", "/c/pay/" + session.getId(), null, null, Map.of()).statusCode())
        .isEqualTo(200);

    advanceTo(START + DAY);
    assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus())
        .isEqualTo("expired");
    List<Event> expired = events("checkout.session.expired");
    assertThat(expired).hasSize(1);
    assertThat(expired.getFirst().getCreated()).isEqualTo(START + 3_600);
  }
}
