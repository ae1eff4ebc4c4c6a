package tally.disputes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.ApiObject;
import tally.balance.BalanceTransaction;
import tally.core.Json;

/**
 * A dispute as stored, with the balance transactions it caused (always rendered in full, as Stripe
 * does). {@code version} guards concurrent changes.
 */
record Dispute(
    String id,
    long created,
    boolean livemode,
    String charge,
    long amount,
    String currency,
    String reason,
    String brand,
    String networkReasonCode,
    long dueBy,
    DisputeState state,
    long version,
    List<BalanceTransaction> balanceTransactions)
    implements ApiObject {

  String status() {
    return state.status().wire();
  }

  boolean isChargeRefundable() {
    return state.chargeRefundable();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "dispute");
    n.put("amount", amount);
    ArrayNode txns = n.putArray("balance_transactions");
    balanceTransactions.forEach(t -> txns.add(t.toJson()));
    n.put("charge", charge);
    n.put("created", created);
    n.put("currency", currency);
    n.putArray("enhanced_eligibility_types");
    n.set("evidence", state.evidence().toJson());
    ObjectNode details = n.putObject("evidence_details");
    details.put("due_by", dueBy);
    details.putObject("enhanced_eligibility");
    details.put("has_evidence", state.hasEvidence());
    details.put("past_due", state.pastDue());
    details.put("submission_count", state.submissionCount());
    n.put("is_charge_refundable", state.chargeRefundable());
    n.put("livemode", livemode);
    n.set("metadata", Json.MAPPER.valueToTree(state.metadata()));
    n.putNull("payment_intent");
    ObjectNode pmd = n.putObject("payment_method_details");
    ObjectNode card = pmd.putObject("card");
    card.put("brand", brand);
    card.put("case_type", state.caseType());
    card.put("network", brand);
    card.put("network_reason_code", networkReasonCode);
    pmd.put("type", "card");
    n.put("reason", reason);
    n.put("status", status());
    return n;
  }
}
