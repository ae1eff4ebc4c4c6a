package tally.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.Errors;
import tally.api.Params;
import tally.core.Json;

/** The {@code features} hash of a portal configuration: read from params, merged over defaults. */
final class PortalFeatures {
  private PortalFeatures() {}

  static final List<String> UPDATABLE =
      List.of("address", "email", "name", "phone", "shipping", "tax_id");

  static final List<String> ALLOWED_UPDATES = List.of("price", "promotion_code", "quantity");

  static final List<String> REASONS =
      List.of(
          "customer_service",
          "low_quality",
          "missing_features",
          "other",
          "switched_service",
          "too_complex",
          "too_expensive",
          "unused");

  static ObjectNode defaults() {
    ObjectNode f = Json.object();
    ObjectNode customerUpdate = f.putObject("customer_update");
    customerUpdate.putArray("allowed_updates");
    customerUpdate.put("enabled", false);
    f.putObject("invoice_history").put("enabled", false);
    ObjectNode pm = f.putObject("payment_method_update");
    pm.put("enabled", false);
    pm.putNull("payment_method_configuration");
    ObjectNode cancel = f.putObject("subscription_cancel");
    ObjectNode reason = cancel.putObject("cancellation_reason");
    reason.put("enabled", false);
    reason.putArray("options");
    cancel.put("enabled", false);
    cancel.put("mode", "at_period_end");
    cancel.put("proration_behavior", "none");
    ObjectNode update = f.putObject("subscription_update");
    update.putNull("billing_cycle_anchor");
    update.putArray("default_allowed_updates");
    update.put("enabled", false);
    update.putNull("products");
    update.put("proration_behavior", "none");
    update.putObject("schedule_at_period_end").putArray("conditions");
    update.put("trial_update_behavior", "end_trial");
    return f;
  }

  /**
   * Applies {@code features[...]} params onto {@code target}; each sent sub-feature needs enabled.
   */
  static void read(Params features, ObjectNode target, boolean create) {
    Params cu = features.hash("customer_update");
    if (cu != null) {
      ObjectNode node = (ObjectNode) target.get("customer_update");
      enabled(cu, node, create);
      List<String> allowed = cu.stringList("allowed_updates");
      if (allowed != null) {
        if (!UPDATABLE.containsAll(allowed)) {
          cu.fail(Errors.mustBeOneOf(cu.path("allowed_updates") + "[]", UPDATABLE));
        }
        node.set("allowed_updates", Json.MAPPER.valueToTree(allowed));
      } else if (cu.isEmpty("allowed_updates")) {
        cu.raw("allowed_updates");
        node.putArray("allowed_updates");
      }
    }
    Params ih = features.hash("invoice_history");
    if (ih != null) {
      enabled(ih, (ObjectNode) target.get("invoice_history"), create);
    }
    Params pm = features.hash("payment_method_update");
    if (pm != null) {
      enabled(pm, (ObjectNode) target.get("payment_method_update"), create);
      pm.raw("payment_method_configuration");
    }
    Params sc = features.hash("subscription_cancel");
    if (sc != null) {
      ObjectNode node = (ObjectNode) target.get("subscription_cancel");
      enabled(sc, node, create);
      String mode = sc.oneOf("mode", List.of("at_period_end", "immediately"));
      if (mode != null) {
        node.put("mode", mode);
      }
      String proration =
          sc.oneOf("proration_behavior", List.of("always_invoice", "create_prorations", "none"));
      if (proration != null) {
        node.put("proration_behavior", proration);
      }
      Params reason = sc.hash("cancellation_reason");
      if (reason != null) {
        ObjectNode r = (ObjectNode) node.get("cancellation_reason");
        enabled(reason, r, true);
        List<String> options = reason.stringList("options");
        if (options != null) {
          if (!REASONS.containsAll(options)) {
            reason.fail(Errors.mustBeOneOf(reason.path("options") + "[]", REASONS));
          }
          r.set("options", Json.MAPPER.valueToTree(options));
        } else if (reason.isEmpty("options")) {
          reason.raw("options");
          r.putArray("options");
        } else if (!reason.has("options")) {
          reason.fail(Errors.missing(reason.path("options")));
        }
      }
    }
    Params su = features.hash("subscription_update");
    if (su != null) {
      ObjectNode node = (ObjectNode) target.get("subscription_update");
      enabled(su, node, create);
      List<String> allowed = su.stringList("default_allowed_updates");
      if (allowed != null) {
        if (!ALLOWED_UPDATES.containsAll(allowed)) {
          su.fail(Errors.mustBeOneOf(su.path("default_allowed_updates") + "[]", ALLOWED_UPDATES));
        }
        node.set("default_allowed_updates", Json.MAPPER.valueToTree(allowed));
      } else if (su.isEmpty("default_allowed_updates")) {
        su.raw("default_allowed_updates");
        node.putArray("default_allowed_updates");
      }
      List<Params> products = su.hashList("products");
      if (products != null) {
        node.set("products", products(products));
      } else if (su.isEmpty("products")) {
        su.raw("products");
        node.putNull("products");
      }
      String proration =
          su.oneOf("proration_behavior", List.of("always_invoice", "create_prorations", "none"));
      if (proration != null) {
        node.put("proration_behavior", proration);
      }
      String anchor = su.oneOf("billing_cycle_anchor", List.of("now", "unchanged"));
      if (anchor != null) {
        node.put("billing_cycle_anchor", anchor);
      }
      String trial = su.oneOf("trial_update_behavior", List.of("continue_trial", "end_trial"));
      if (trial != null) {
        node.put("trial_update_behavior", trial);
      }
      // Tally applies changes at once; conditions for scheduling them are kept, not acted on.
      su.raw("schedule_at_period_end");
    }
  }

  /** {@code products[]}: each a product and the prices a customer may switch among. */
  private static com.fasterxml.jackson.databind.node.ArrayNode products(List<Params> products) {
    var out = Json.MAPPER.createArrayNode();
    for (Params product : products) {
      ObjectNode entry = Json.object();
      ObjectNode quantity = entry.putObject("adjustable_quantity");
      quantity.put("enabled", false);
      quantity.putNull("maximum");
      quantity.put("minimum", 1);
      Params adjustable = product.hash("adjustable_quantity");
      if (adjustable != null) {
        enabled(adjustable, quantity, true);
        Long max = adjustable.positiveInteger("maximum", false);
        Long min = adjustable.integer("minimum");
        if (max != null) {
          quantity.put("maximum", max);
        }
        if (min != null) {
          quantity.put("minimum", min);
        }
      }
      List<String> prices = product.stringList("prices");
      if (prices == null || prices.isEmpty()) {
        product.fail(Errors.missing(product.path("prices")));
      }
      entry.set("prices", Json.MAPPER.valueToTree(prices == null ? List.of() : prices));
      entry.put("product", product.requiredString("product"));
      out.add(entry);
    }
    return out;
  }

  private static void enabled(Params sub, ObjectNode node, boolean required) {
    Boolean enabled = sub.bool("enabled");
    if (enabled == null && !sub.has("enabled") && required) {
      sub.fail(Errors.missing(sub.path("enabled")));
    } else if (enabled != null) {
      node.put("enabled", enabled);
    }
  }
}
