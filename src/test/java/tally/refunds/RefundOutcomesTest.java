package tally.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.charge;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** Test cards whose refunds settle later, driven by the clock and the background job. */
class RefundOutcomesTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Refund refundOf(String token) throws StripeException {
    Charge c = charge(stripe, token, 2000);
    return stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(c.getId()).build());
  }

  private void later() {
    SERVER.clock().advance(Duration.ofMinutes(2));
    SERVER.runJobs();
  }

  @Test
  void refundFailCardSucceedsThenFailsAndReturnsTheMoney() throws StripeException {
    Refund r = refundOf("tok_refundFail");
    assertThat(r.getStatus()).isEqualTo("succeeded");
    assertThat(stripe.v1().charges().retrieve(r.getCharge()).getAmountRefunded()).isEqualTo(2000L);
    later();
    Refund failed = stripe.v1().refunds().retrieve(r.getId());
    assertThat(failed.getStatus()).isEqualTo("failed");
    assertThat(failed.getFailureReason()).isEqualTo("expired_or_canceled_card");
    BalanceTransaction back =
        stripe.v1().balanceTransactions().retrieve(failed.getFailureBalanceTransaction());
    assertThat(back.getType()).isEqualTo("refund_failure");
    assertThat(back.getAmount()).isEqualTo(2000L);
    Charge charge = stripe.v1().charges().retrieve(r.getCharge());
    assertThat(charge.getAmountRefunded()).isZero();
    assertThat(charge.getRefunded()).isFalse();
  }

  @Test
  void pendingRefundCardSucceedsLater() throws StripeException {
    Refund r = refundOf("tok_pendingRefund");
    assertThat(r.getStatus()).isEqualTo("pending");
    assertThat(r.getBalanceTransaction()).isNull();
    assertThat(stripe.v1().charges().retrieve(r.getCharge()).getAmountRefunded()).isZero();
    later();
    Refund done = stripe.v1().refunds().retrieve(r.getId());
    assertThat(done.getStatus()).isEqualTo("succeeded");
    assertThat(done.getBalanceTransaction()).startsWith("txn_");
    assertThat(stripe.v1().charges().retrieve(r.getCharge()).getRefunded()).isTrue();
  }

  @Test
  void aPendingRefundCanBeCanceledButASucceededOneCannot() throws StripeException {
    Refund pending = refundOf("tok_pendingRefund");
    Refund canceled = stripe.v1().refunds().cancel(pending.getId());
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    later();
    assertThat(stripe.v1().refunds().retrieve(pending.getId()).getStatus()).isEqualTo("canceled");
    assertThat(stripe.v1().charges().retrieve(pending.getCharge()).getAmountRefunded()).isZero();

    Refund succeeded = refundOf("tok_visa");
    assertStripeError(() -> stripe.v1().refunds().cancel(succeeded.getId()))
        .isInvalidRequest()
        .hasMessage("Canceling this refund is unsupported.");
  }
}
