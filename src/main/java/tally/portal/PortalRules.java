package tally.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import tally.api.Ctx;
import tally.api.Errors;
import tally.subscriptions.CustomerSubscriptions;
import tally.subscriptions.CustomerSubscriptions.Summary;

/**
 * What a portal flow, or an action on the portal page, must pass: the configuration offers the
 * feature, and the subscription is the customer's own and can still be changed. Messages are
 * Stripe's where known.
 */
final class PortalRules {
  static final String UPDATE_DISABLED =
      "This subscription cannot be updated because the subscription update feature in the portal"
          + " configuration is disabled.";
  static final String CANCEL_DISABLED =
      "This subscription cannot be canceled because the subscription cancel feature in the portal"
          + " configuration is disabled.";
  static final String NO_CHANGES =
      "Cannot update the subscription because there are no changes to confirm.";

  private final CustomerSubscriptions subscriptions;

  PortalRules(CustomerSubscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** Checks a session's flow when the session is created. */
  void check(Ctx ctx, PortalConfiguration config, String customer, PortalFlow flow) {
    if (flow.type().equals("payment_method_update")) {
      if (!config.enabled("payment_method_update")) {
        throw Errors.invalid(
            "flow_data[type]",
            "This flow cannot be used because the payment method update feature in the portal"
                + " configuration is disabled.");
      }
      return;
    }
    String param = flow.param("subscription");
    Summary sub = owned(ctx, customer, flow.subscription(), param);
    switch (flow.type()) {
      case "subscription_cancel" -> cancellable(config, sub, param);
      case "subscription_update" -> updatable(config, sub, param);
      default -> {
        updatable(config, sub, param);
        boolean changes = false;
        for (int i = 0; i < flow.items().size(); i++) {
          changes |=
              changes(
                  config,
                  sub,
                  flow.items().get(i),
                  "flow_data[subscription_update_confirm][items][" + i + "]");
        }
        if (!changes) {
          throw Errors.invalid("flow_data[subscription_update_confirm][items]", NO_CHANGES);
        }
      }
    }
  }

  /** The customer's own subscription, not yet ended. */
  Summary owned(Ctx ctx, String customer, String id, String param) {
    Summary sub =
        subscriptions.find(ctx, id).orElseThrow(() -> Errors.noSuch("subscription", id, param));
    if (!sub.customer().equals(customer)) {
      throw Errors.invalid(
          param, "The subscription " + id + " does not belong to the customer " + customer + ".");
    }
    if (sub.ended()) {
      throw Errors.invalid(param, "The subscription " + id + " has already been canceled.");
    }
    return sub;
  }

  void cancellable(PortalConfiguration config, Summary sub, String param) {
    if (!config.enabled("subscription_cancel")) {
      throw Errors.invalid(param, CANCEL_DISABLED);
    }
    if (sub.cancelAtPeriodEnd()) {
      throw Errors.invalid(
          param, "The subscription " + sub.id() + " is already set to be canceled at period end.");
    }
  }

  void updatable(PortalConfiguration config, Summary sub, String param) {
    if (!config.enabled("subscription_update")) {
      throw Errors.invalid(param, UPDATE_DISABLED);
    }
    // As Stripe's portal: it updates subscriptions of one item only.
    if (sub.items().size() != 1) {
      throw Errors.invalid(
          param,
          "The subscription "
              + sub.id()
              + " has more than one item, so the portal can only cancel it, not update it.");
    }
  }

  /**
   * Whether {@code change} changes anything, after checking the configuration allows it: the item
   * is the subscription's, a new price is one it offers, a new quantity is allowed and in range.
   */
  boolean changes(
      PortalConfiguration config, Summary sub, PortalFlow.ItemChange change, String prefix) {
    CustomerSubscriptions.Item item =
        sub.item(change.id())
            .orElseThrow(() ->
                Errors.invalid(
                    prefix + "[id]", "No such subscription item: '" + change.id() + "'"));
    boolean newPrice = change.price() != null && !change.price().equals(item.price());
    boolean newQuantity = change.quantity() != null && change.quantity() != item.quantity();
    if (newPrice
        && (!config.allowsSubscriptionUpdateOf("price")
            || config.productOffering(change.price()).isEmpty())) {
      throw Errors.invalid(
          prefix + "[price]",
          "The price "
              + change.price()
              + " is not one the portal configuration offers"
              + " (features.subscription_update.products).");
    }
    if (newQuantity) {
      String price = newPrice ? change.price() : item.price();
      Optional<JsonNode> adjustable =
          config
              .productOffering(price)
              .map(p -> p.path("adjustable_quantity"))
              .filter(q -> q.path("enabled").asBoolean(false));
      if (adjustable.isEmpty() && !config.allowsSubscriptionUpdateOf("quantity")) {
        throw Errors.invalid(
            prefix + "[quantity]",
            "The portal configuration does not allow changing the quantity"
                + " (features.subscription_update.default_allowed_updates).");
      }
      long min = adjustable.map(q -> q.path("minimum").asLong(1)).orElse(1L);
      JsonNode max = adjustable.map(q -> q.path("maximum")).orElse(null);
      if (change.quantity() < min
          || (max != null && max.isNumber() && change.quantity() > max.asLong())) {
        throw Errors.invalid(
            prefix + "[quantity]",
            "The quantity must be between "
                + min
                + " and "
                + (max != null && max.isNumber() ? max.asLong() : "any number")
                + ".");
      }
    }
    return newPrice || newQuantity;
  }
}
