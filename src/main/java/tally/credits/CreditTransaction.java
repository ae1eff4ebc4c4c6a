package tally.credits;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** A credit (credits granted) or debit (expired, voided) on a customer's credit balance. */
record CreditTransaction(
    String id,
    long created,
    String creditGrant,
    String type,
    String reason,
    long amount,
    String currency,
    long effectiveAt)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "billing.credit_balance_transaction");
    n.put("created", created);
    ObjectNode detail = Json.object();
    detail.set("amount", CreditGrants.monetary(currency, amount));
    if ("credit".equals(type)) {
      detail.putNull("credits_application_invoice_voided");
      detail.put("type", reason);
      n.set("credit", detail);
      n.put("credit_grant", creditGrant);
      n.putNull("debit");
    } else {
      n.putNull("credit");
      n.put("credit_grant", creditGrant);
      detail.putNull("credits_applied");
      detail.put("type", reason);
      n.set("debit", detail);
    }
    n.put("effective_at", effectiveAt);
    n.put("livemode", false);
    n.putNull("test_clock");
    n.put("type", type);
    return n;
  }
}
