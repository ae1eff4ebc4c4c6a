package tally.disputes;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.DisputeUpdateParams;
import java.time.Duration;
import tally.testing.TallyServer;

/** Charges made with the dispute test tokens, and the steps the dispute tests repeat. */
final class DisputedCharges {
  private DisputedCharges() {}

  static Charge charge(StripeClient stripe, String token, long amount) throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(
            ChargeCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .setSource(token)
                .build());
  }

  /** The one dispute a charge has. */
  static Dispute disputeOf(StripeClient stripe, Charge charge) throws StripeException {
    var disputes =
        stripe
            .v1()
            .disputes()
            .list(DisputeListParams.builder().setCharge(charge.getId()).build())
            .getData();
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

  /** Lets the clock pass the verdict delay and runs the background jobs. */
  static void letVerdictsFall(TallyServer server) {
    server.clock().advance(Duration.ofSeconds(Disputes.VERDICT_DELAY_SECONDS + 1));
    server.runJobs();
  }
}
