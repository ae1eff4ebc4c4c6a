package tally.disputes;

import static tally.testing.Fixtures.charge;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.param.DisputeListParams;
import com.stripe.param.DisputeUpdateParams;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tally.testing.TallyServer;

/** Disputes opened by charging the dispute test tokens, and the steps the dispute tests repeat. */
final class DisputedCharges {
  private DisputedCharges() {}

  /** The disputes a charge has, newest first. */
  static List<Dispute> disputesOf(StripeClient stripe, Charge charge) throws StripeException {
    return stripe
        .v1()
        .disputes()
        .list(DisputeListParams.builder().setCharge(charge.getId()).build())
        .getData();
  }

  /** The one dispute a charge has. */
  static Dispute disputeOf(StripeClient stripe, Charge charge) throws StripeException {
    var disputes = disputesOf(stripe, charge);
    if (disputes.size() != 1) {
      throw new AssertionError("expected one dispute, found " + disputes.size());
    }
    return disputes.getFirst();
  }

  static Dispute openDispute(StripeClient stripe, String token, long amount)
      throws StripeException {
    return disputeOf(stripe, charge(stripe, token, amount));
  }

  static Dispute submit(StripeClient stripe, Dispute d, String uncategorizedText)
      throws StripeException {
    return stripe
        .v1()
        .disputes()
        .update(
            d.getId(),
            DisputeUpdateParams.builder()
                .setEvidence(
                    DisputeUpdateParams.Evidence.builder()
                        .setUncategorizedText(uncategorizedText)
                        .build())
                .build());
  }

  /** The refusal of any change to a dispute that is no longer open. */
  static void assertAlreadyClosed(ThrowingCallable call) {
    assertStripeError(call)
        .isInvalidRequest()
        .hasStatus(400)
        .hasNoCode()
        .hasNoParam()
        .hasMessage("This dispute is already closed");
  }

  /** Lets the clock pass the verdict delay and runs the background jobs. */
  static void letVerdictsFall(TallyServer server) {
    server.clock().advance(Duration.ofSeconds(Disputes.VERDICT_DELAY_SECONDS + 1));
    server.runJobs();
  }
}
