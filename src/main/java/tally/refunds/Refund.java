package tally.refunds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.store.Json;

/**
 * A refund. Stripe omits some fields while they have no value and sends no {@code livemode}
 * (reference §6.1); the rendering follows that key for key.
 */
public record Refund(
    String id,
    long created,
    String charge,
    long amount,
    String currency,
    String status,
    String reason,
    String balanceTransaction,
    String failureBalanceTransaction,
    String failureReason,
    String instructionsEmail,
    String customer,
    String paymentMethod,
    Map<String, String> metadata)
    implements ApiObject {

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "refund");
    n.put("amount", amount);
    n.put("balance_transaction", balanceTransaction);
    n.put("charge", charge);
    n.put("created", created);
    n.put("currency", currency);
    n.put("customer", customer);
    n.putNull("customer_account");
    ObjectNode card = n.putObject("destination_details").putObject("card");
    card.put("reference_status", "pending");
    card.put("reference_type", "acquirer_reference_number");
    card.put("type", "refund");
    ((ObjectNode) n.get("destination_details")).put("type", "card");
    if (failureBalanceTransaction != null) {
      n.put("failure_balance_transaction", failureBalanceTransaction);
    }
    if (failureReason != null) {
      n.put("failure_reason", failureReason);
    }
    if (instructionsEmail != null) {
      n.put("instructions_email", instructionsEmail);
    }
    n.set("metadata", Json.MAPPER.valueToTree(metadata));
    n.putNull("payment_intent");
    n.put("payment_method", paymentMethod);
    n.put("reason", reason);
    n.putNull("receipt_number");
    n.putNull("source_transfer_reversal");
    n.put("status", status);
    n.putNull("transfer_reversal");
    return n;
  }
}
