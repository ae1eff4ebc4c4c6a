package tally.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tally.disputes.DisputedCharges.charge;
import static tally.disputes.DisputedCharges.disputeOf;
import static tally.disputes.DisputedCharges.letVerdictsFall;
import static tally.disputes.DisputedCharges.submit;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.balance.Ledger;
import tally.charges.Charges;
import tally.testing.TallyServer;

/**
 * The question the refunds feature asks before refunding a charge: refused while a chargeback is
 * open or lost, allowed during an inquiry and after a win (reference §6.2). Disputes are made over
 * HTTP; the query is asked as the refunds service will ask it, inside a transaction.
 */
class RefundGateTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final String key = SERVER.newKey();
  private final StripeClient stripe = SERVER.client(key);
  private final Disputes disputes = new Disputes(new Charges(new Ledger()), new Ledger());

  private <T> T asked(java.util.function.Function<Ctx, T> question) {
    var account = SERVER.app().accounts().authenticate(key).orElseThrow();
    return SERVER
        .app()
        .db()
        .read(h -> question.apply(new Ctx(account, h, Map.of(), SERVER.clock(), null, null)));
  }

  private boolean blocked(Charge c) {
    return asked(ctx -> disputes.blocksRefund(ctx, c.getId()));
  }

  @Test
  void anOpenChargebackBlocksRefundsWithStripesRefusal() throws StripeException {
    Charge c = charge(stripe, "tok_createDispute", 2000);
    assertThat(blocked(c)).isTrue();
    assertThatThrownBy(() ->
            asked(ctx -> {
              disputes.refuseRefundIfDisputed(ctx, c.getId());
              return null;
            }))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.error())
                    .isEqualTo(
                        new ApiError.InvalidRequest(
                            400,
                            "charge_disputed",
                            null,
                            "Charge "
                                + c.getId()
                                + " has been charged back; cannot issue a"
                                + " refund.")));
  }

  @Test
  void anInquiryDoesNotBlockRefunds() throws StripeException {
    Charge c = charge(stripe, "tok_createDisputeInquiry", 2000);
    assertThat(blocked(c)).isFalse();
    asked(ctx -> {
      disputes.refuseRefundIfDisputed(ctx, c.getId());
      return null;
    });
  }

  @Test
  void aWonDisputeNoLongerBlocksRefunds() throws StripeException {
    Charge c = charge(stripe, "tok_createDispute", 2000);
    submit(stripe, disputeOf(stripe, c), "winning_evidence");
    assertThat(blocked(c)).isTrue();
    letVerdictsFall(SERVER);
    assertThat(blocked(c)).isFalse();
  }

  @Test
  void aLostDisputeKeepsBlockingRefunds() throws StripeException {
    Charge c = charge(stripe, "tok_createDispute", 2000);
    stripe.v1().disputes().close(disputeOf(stripe, c).getId());
    assertThat(blocked(c)).isTrue();
  }

  @Test
  void anUndisputedChargeIsNotBlocked() throws StripeException {
    assertThat(blocked(charge(stripe, "tok_visa", 2000))).isFalse();
  }
}
