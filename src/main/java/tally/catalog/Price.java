package tally.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.Json;

/** A price: immutable amounts and recurrence; only active, metadata, nickname, keys change. */
public record Price(
    String id,
    long created,
    String product,
    String currency,
    boolean active,
    Long unitAmount,
    String unitAmountDecimal,
    String billingScheme,
    String tiersMode,
    JsonNode tiers,
    JsonNode recurring,
    String lookupKey,
    String nickname,
    String taxBehavior,
    JsonNode transformQuantity,
    Map<String, String> metadata)
    implements ApiObject {

  public boolean recurringPrice() {
    return recurring != null && !recurring.isNull();
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "price");
    n.put("active", active);
    n.put("billing_scheme", billingScheme);
    n.put("created", created);
    n.put("currency", currency);
    n.putNull("custom_unit_amount");
    n.put("livemode", false);
    n.put("lookup_key", lookupKey);
    n.set("metadata", Json.MAPPER.valueToTree(metadata));
    n.put("nickname", nickname);
    n.put("product", product);
    n.set("recurring", recurringPrice() ? recurring.deepCopy() : null);
    n.put("tax_behavior", taxBehavior);
    if (tiers != null && !tiers.isNull()) {
      n.set("tiers", tiers.deepCopy());
    }
    n.put("tiers_mode", tiersMode);
    n.set("transform_quantity", transformQuantity == null ? null : transformQuantity.deepCopy());
    n.put("type", recurringPrice() ? "recurring" : "one_time");
    n.put("unit_amount", unitAmount);
    n.put("unit_amount_decimal", unitAmountDecimal);
    return n;
  }
}
