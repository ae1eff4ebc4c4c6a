package tally.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.disputes.DisputedCharges.disputeOf;
import static tally.disputes.DisputedCharges.letVerdictsFall;
import static tally.disputes.DisputedCharges.submit;
import static tally.testing.Fixtures.charge;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Balance;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.param.BalanceTransactionListParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** The money disputes move (reference §7.4), seen from the dispute, the ledger and the balance. */
class DisputeFundsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static long available(StripeClient stripe) throws StripeException {
    Balance b = stripe.v1().balance().retrieve();
    return b.getAvailable().getFirst().getAmount();
  }

  private static long pending(StripeClient stripe) throws StripeException {
    return stripe.v1().balance().retrieve().getPending().getFirst().getAmount();
  }

  @Test
  void aChargebackWithdrawsTheAmountAndTheDisputeFeeAtOnce() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c = charge(stripe, "tok_createDispute", 10_000);
    Dispute d = disputeOf(stripe, c);
    BalanceTransaction w = d.getBalanceTransactions().getFirst();
    assertThat(w.getId()).startsWith("txn_");
    assertThat(w.getType()).isEqualTo("adjustment");
    assertThat(w.getReportingCategory()).isEqualTo("dispute");
    assertThat(w.getAmount()).isEqualTo(-10_000L);
    assertThat(w.getFee()).isEqualTo(1500L);
    assertThat(w.getNet()).isEqualTo(-11_500L);
    assertThat(w.getCurrency()).isEqualTo("usd");
    assertThat(w.getDescription()).isEqualTo("Chargeback withdrawal for " + c.getId());
    assertThat(w.getSource()).isEqualTo(d.getId());
    assertThat(w.getStatus()).isEqualTo("available");
    assertThat(w.getAvailableOn()).isEqualTo(w.getCreated());
    assertThat(w.getFeeDetails())
        .singleElement()
        .satisfies(fd -> {
          assertThat(fd.getAmount()).isEqualTo(1500L);
          assertThat(fd.getCurrency()).isEqualTo("usd");
          assertThat(fd.getDescription()).isEqualTo("Dispute fee");
          assertThat(fd.getType()).isEqualTo("stripe_fee");
          assertThat(fd.getApplication()).isNull();
        });
    assertThat(stripe.v1().balanceTransactions().retrieve(w.getId()).toJson())
        .isEqualTo(w.toJson());

    // The charge's own funds are still pending; the withdrawal is not.
    assertThat(available(stripe)).isEqualTo(-11_500L);
    assertThat(pending(stripe)).isEqualTo(10_000L - 320L);
  }

  @Test
  void winningReinstatesTheAmountButKeepsTheFee() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c = charge(stripe, "tok_createDispute", 10_000);
    Dispute d = disputeOf(stripe, c);
    submit(stripe, d, "winning_evidence");
    letVerdictsFall(SERVER);
    Dispute won = stripe.v1().disputes().retrieve(d.getId());
    assertThat(won.getBalanceTransactions()).hasSize(2);
    BalanceTransaction r = won.getBalanceTransactions().get(1);
    assertThat(r.getType()).isEqualTo("adjustment");
    assertThat(r.getReportingCategory()).isEqualTo("dispute_reversal");
    assertThat(r.getAmount()).isEqualTo(10_000L);
    assertThat(r.getFee()).isZero();
    assertThat(r.getFeeDetails()).isEmpty();
    assertThat(r.getNet()).isEqualTo(10_000L);
    assertThat(r.getDescription()).isEqualTo("Chargeback reversal for " + c.getId());
    assertThat(r.getSource()).isEqualTo(d.getId());
    assertThat(r.getStatus()).isEqualTo("available");
    assertThat(available(stripe)).isEqualTo(-1500L);
  }

  @Test
  void losingMovesNoFurtherMoney() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Dispute d = DisputedCharges.openDispute(stripe, "tok_createDispute", 10_000);
    submit(stripe, d, "losing_evidence");
    letVerdictsFall(SERVER);
    assertThat(stripe.v1().disputes().retrieve(d.getId()).getBalanceTransactions()).hasSize(1);
    assertThat(available(stripe)).isEqualTo(-11_500L);
  }

  @Test
  void anInquiryMovesNoMoneyUntilEscalated() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Dispute d = DisputedCharges.openDispute(stripe, "tok_createDisputeInquiry", 6000);
    var adjustments = BalanceTransactionListParams.builder().setType("adjustment").build();
    assertThat(stripe.v1().balanceTransactions().list(adjustments).getData()).isEmpty();
    assertThat(available(stripe)).isZero();

    submit(stripe, d, "escalate_inquiry_evidence");
    letVerdictsFall(SERVER);
    assertThat(stripe.v1().balanceTransactions().list(adjustments).getData())
        .singleElement()
        .satisfies(t -> {
          assertThat(t.getReportingCategory()).isEqualTo("dispute");
          assertThat(t.getNet()).isEqualTo(-7500L);
        });
    assertThat(available(stripe)).isEqualTo(-7500L);
  }

  @Test
  void balanceTransactionsListFindsTheDisputesMovementsBySource() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Dispute d = DisputedCharges.openDispute(stripe, "tok_createDispute", 2000);
    assertThat(
            stripe
                .v1()
                .balanceTransactions()
                .list(BalanceTransactionListParams.builder().setSource(d.getId()).build())
                .getData())
        .extracting(BalanceTransaction::getId)
        .containsExactly(d.getBalanceTransactions().getFirst().getId());
  }
}
