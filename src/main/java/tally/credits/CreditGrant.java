package tally.credits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.Json;

/** A grant of billing credits to a customer; its state follows from its timestamps. */
public record CreditGrant(
    String id,
    long created,
    long updated,
    String customer,
    String currency,
    long value,
    String priceType,
    JsonNode prices,
    String category,
    long effectiveAt,
    Long expiresAt,
    String name,
    int priority,
    Map<String, String> metadata,
    Long voidedAt,
    boolean closed)
    implements ApiObject {

  /** Usable at {@code now}: effective, not voided, not expired. */
  public boolean usableAt(long now) {
    return effectiveAt <= now
        && voidedAt == null
        && (expiresAt == null || expiresAt > now)
        && !closed;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "billing.credit_grant");
    n.set("amount", CreditGrants.monetary(currency, value));
    ObjectNode scope = n.putObject("applicability_config").putObject("scope");
    if (priceType != null) {
      scope.put("price_type", priceType);
    }
    if (prices != null && !prices.isNull()) {
      scope.set("prices", prices.deepCopy());
    }
    n.put("category", category);
    n.put("created", created);
    n.put("customer", customer);
    n.putNull("customer_account");
    n.put("effective_at", effectiveAt);
    n.put("expires_at", expiresAt);
    n.put("livemode", false);
    n.set("metadata", Json.MAPPER.valueToTree(metadata));
    n.put("name", name);
    n.put("priority", priority);
    n.putNull("test_clock");
    n.put("updated", updated);
    n.put("voided_at", voidedAt);
    return n;
  }
}
