package tally.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.disputes.DisputedCharges.assertAlreadyClosed;
import static tally.disputes.DisputedCharges.letVerdictsFall;
import static tally.disputes.DisputedCharges.openDispute;
import static tally.disputes.DisputedCharges.submit;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Dispute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class DisputeCloseTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  @Test
  void closingAChargebackLosesItAtOnce() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 2000);
    Dispute lost = stripe.v1().disputes().close(d.getId());
    assertThat(lost.getStatus()).isEqualTo("lost");
    assertThat(lost.getIsChargeRefundable()).isFalse();
    assertThat(lost.getBalanceTransactions()).hasSize(1);
    assertThat(stripe.v1().disputes().retrieve(d.getId()).getStatus()).isEqualTo("lost");
  }

  @Test
  void closingAnInquiryClosesItWithoutMovingMoney() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDisputeInquiry", 2000);
    Dispute closed = stripe.v1().disputes().close(d.getId());
    assertThat(closed.getStatus()).isEqualTo("warning_closed");
    assertThat(closed.getIsChargeRefundable()).isTrue();
    assertThat(closed.getBalanceTransactions()).isEmpty();
  }

  @Test
  void aClosedDisputeCannotBeClosedOrUpdatedAgain() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 2000);
    stripe.v1().disputes().close(d.getId());
    assertAlreadyClosed(() -> stripe.v1().disputes().close(d.getId()));
    assertAlreadyClosed(() -> submit(stripe, d, "winning_evidence"));
  }

  @Test
  void aWonDisputeCannotBeClosed() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 2000);
    submit(stripe, d, "winning_evidence");
    letVerdictsFall(SERVER);
    assertAlreadyClosed(() -> stripe.v1().disputes().close(d.getId()));
    assertThat(stripe.v1().disputes().retrieve(d.getId()).getStatus()).isEqualTo("won");
  }

  @Test
  void closingUnderReviewCancelsThePendingVerdict() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 2000);
    submit(stripe, d, "winning_evidence");
    assertThat(stripe.v1().disputes().close(d.getId()).getStatus()).isEqualTo("lost");
    letVerdictsFall(SERVER);
    Dispute after = stripe.v1().disputes().retrieve(d.getId());
    assertThat(after.getStatus()).isEqualTo("lost");
    assertThat(after.getBalanceTransactions()).hasSize(1);
  }

  @Test
  void anUnknownDisputeIs404() {
    assertStripeError(() -> stripe.v1().disputes().close("du_missing"))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing")
        .hasParam("dispute")
        .hasMessage("No such dispute: 'du_missing'");
  }
}
