package tally.disputes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.balance.BalanceTransaction;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * A dispute as stored, with the balance transactions it caused (always rendered in full, as Stripe
 * does; they come from the ledger). {@code resolve_at} is when submitted evidence gets its
 * test-mode verdict, null while none is pending; it is in the time of the charge's test clock when
 * the charge has one.
 */
@ApiResource("dispute")
record Dispute(
    String id,
    long created,
    boolean livemode,
    String charge,
    String paymentIntent,
    long amount,
    String currency,
    String reason,
    DisputeStatus status,
    boolean isChargeRefundable,
    Evidence evidence,
    EvidenceDetails evidenceDetails,
    PaymentMethodDetails paymentMethodDetails,
    Map<String, String> metadata,
    @Field(rendered = false) Long resolveAt,
    @Field(rendered = false) String testClock,
    @Field(stored = false) List<BalanceTransaction> balanceTransactions)
    implements ApiObject {

  /** When evidence is due, whether any was given, and how often (and how late) it went in. */
  record EvidenceDetails(long dueBy, boolean hasEvidence, boolean pastDue, long submissionCount) {
    @Field
    Map<String, Object> enhancedEligibility() {
      return Map.of();
    }

    /** Evidence staged: it counts as given once any field holds a value. */
    EvidenceDetails staged(boolean given) {
      return new EvidenceDetails(dueBy, hasEvidence || given, pastDue, submissionCount);
    }

    /** Evidence sent to the issuer at {@code now}; late after {@code due_by}. */
    EvidenceDetails submitted(long now) {
      return new EvidenceDetails(dueBy, true, now > dueBy, submissionCount + 1);
    }
  }

  record PaymentMethodDetails(Card card) {
    @Field
    String type() {
      return "card";
    }
  }

  /** The disputed card: inquiry or chargeback, the card brand and the network's reason code. */
  record Card(String brand, String caseType, String networkReasonCode) {
    @Field
    String network() {
      return brand;
    }
  }

  @Field
  List<String> enhancedEligibilityTypes() {
    return List.of();
  }

  /**
   * The columns a move to {@code next} sets besides the status: whether the charge may be refunded,
   * the case type (a chargeback once out of the inquiry states), and no pending verdict.
   */
  Map<String, Object> movingTo(DisputeStatus next, boolean refundable) {
    Card card = paymentMethodDetails.card();
    Map<String, Object> changes = new HashMap<>();
    changes.put("is_charge_refundable", refundable);
    if (!next.isInquiry() && !card.caseType().equals("chargeback")) {
      changes.put(
          "payment_method_details",
          new PaymentMethodDetails(new Card(card.brand(), "chargeback", card.networkReasonCode())));
    }
    changes.put("resolve_at", null);
    return changes;
  }
}
