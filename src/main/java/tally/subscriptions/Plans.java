package tally.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.core.Json;

/**
 * The legacy {@code plan} Stripe still renders on every subscription item beside its price: the
 * same price, in the older object's names ({@code amount} for {@code unit_amount}, the interval at
 * the top, {@code transform_usage} for {@code transform_quantity}).
 */
final class Plans {
  private Plans() {}

  static ObjectNode of(JsonNode price) {
    JsonNode recurring = price.path("recurring");
    ObjectNode plan = Json.object();
    copy(plan, "id", price.path("id"));
    plan.put("object", "plan");
    copy(plan, "active", price.path("active"));
    copy(plan, "amount", price.path("unit_amount"));
    copy(plan, "amount_decimal", price.path("unit_amount_decimal"));
    copy(plan, "billing_scheme", price.path("billing_scheme"));
    copy(plan, "created", price.path("created"));
    copy(plan, "currency", price.path("currency"));
    copy(plan, "interval", recurring.path("interval"));
    copy(plan, "interval_count", recurring.path("interval_count"));
    copy(plan, "livemode", price.path("livemode"));
    copy(plan, "metadata", price.path("metadata"));
    copy(plan, "meter", recurring.path("meter"));
    copy(plan, "nickname", price.path("nickname"));
    copy(plan, "product", price.path("product"));
    copy(plan, "tiers_mode", price.path("tiers_mode"));
    copy(plan, "transform_usage", price.path("transform_quantity"));
    copy(plan, "trial_period_days", recurring.path("trial_period_days"));
    copy(plan, "usage_type", recurring.path("usage_type"));
    return plan;
  }

  private static void copy(ObjectNode plan, String name, JsonNode value) {
    if (value.isMissingNode()) {
      plan.putNull(name);
    } else {
      plan.set(name, value);
    }
  }
}
