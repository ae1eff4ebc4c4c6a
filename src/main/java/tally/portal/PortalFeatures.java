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
      sc.raw("cancellation_reason");
    }
    Params su = features.hash("subscription_update");
    if (su != null) {
      ObjectNode node = (ObjectNode) target.get("subscription_update");
      enabled(su, node, create);
      List<String> allowed = su.stringList("default_allowed_updates");
      if (allowed != null) {
        node.set("default_allowed_updates", Json.MAPPER.valueToTree(allowed));
      }
      su.raw("products");
      su.raw("proration_behavior");
      su.raw("billing_cycle_anchor");
      su.raw("schedule_at_period_end");
      su.raw("trial_update_behavior");
    }
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
