package tally.balance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/**
 * One money movement. {@code status} is derived from the clock: funds are pending until {@code
 * available_on} and available from then on.
 */
public record BalanceTransaction(
    String id,
    long created,
    long availableOn,
    String type,
    String reportingCategory,
    long amount,
    long fee,
    long net,
    String currency,
    String description,
    String source,
    JsonNode feeDetails,
    long now)
    implements ApiObject {

  public String status() {
    return availableOn <= now ? "available" : "pending";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "balance_transaction");
    n.put("amount", amount);
    n.put("available_on", availableOn);
    n.put("balance_type", "payments");
    n.put("created", created);
    n.put("currency", currency);
    n.put("description", description);
    n.putNull("exchange_rate");
    n.put("fee", fee);
    n.set("fee_details", feeDetails.deepCopy());
    n.put("net", net);
    n.put("reporting_category", reportingCategory);
    n.put("source", source);
    n.put("status", status());
    n.put("type", type);
    return n;
  }
}
