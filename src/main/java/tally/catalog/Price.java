package tally.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** A price: immutable amounts and recurrence; only active, metadata, nickname, keys change. */
@ApiResource(
    value = "price",
    nulls = {"custom_unit_amount"})
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
    @Field(omitNull = true) JsonNode tiers,
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

  @Field
  String type() {
    return recurringPrice() ? "recurring" : "one_time";
  }

  @Field
  boolean livemode() {
    return false;
  }
}
