package tally.refunds;

import java.util.List;
import java.util.Map;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;

/** Params of the refund endpoints; both path families decode through the same reader. */
public final class RefundParams {
  private RefundParams() {}

  static final List<String> REASONS = List.of("duplicate", "fraudulent", "requested_by_customer");

  public record Create(
      String charge,
      String paymentIntent,
      Long amount,
      String reason,
      Map<String, String> metadata,
      String instructionsEmail) {

    /** {@code POST /v1/refunds}: the charge comes in the body. */
    public static Create decode(Params p) {
      return read(p, p.string("charge"), p.string("payment_intent"));
    }

    /** Charge-scoped paths: the charge comes from the path, so {@code charge} is unknown here. */
    public static Create decodeForCharge(Params p) {
      return read(p, null, p.string("payment_intent"));
    }

    private static Create read(Params p, String charge, String paymentIntent) {
      Long amount = p.positiveInteger("amount", false);
      String reason = p.oneOf("reason", REASONS);
      Map<String, String> metadata = Metadata.read(p).applyTo(Map.of());
      String instructionsEmail = p.string("instructions_email");
      p.bool("refund_application_fee");
      p.bool("reverse_transfer");
      p.oneOf("origin", List.of("customer_balance"));
      return new Create(charge, paymentIntent, amount, reason, metadata, instructionsEmail);
    }
  }

  public record Update(Metadata metadata) {
    public static Update decode(Params p) {
      return new Update(Metadata.read(p));
    }
  }

  public record ListFilter(ListParams page, String charge, String paymentIntent) {
    public static ListFilter decode(Params p) {
      return new ListFilter(ListParams.read(p), p.string("charge"), p.string("payment_intent"));
    }

    public static ListFilter decodeForCharge(Params p) {
      return new ListFilter(ListParams.read(p), null, null);
    }
  }
}
