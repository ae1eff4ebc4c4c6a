package tally.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import tally.api.Errors;
import tally.api.Params;
import tally.core.Json;

/**
 * A portal session's {@code flow}: a deep link to one action (update the payment method, cancel,
 * update or confirm an update of one subscription) and what happens after it.
 */
record PortalFlow(String type, AfterCompletion after, String subscription, List<ItemChange> items) {

  static final List<String> TYPES =
      List.of(
          "payment_method_update",
          "subscription_cancel",
          "subscription_update",
          "subscription_update_confirm");

  /** {@code after_completion}: a confirmation message, a redirect or the portal homepage. */
  record AfterCompletion(String type, String customMessage, String returnUrl) {
    static final AfterCompletion HOMEPAGE = new AfterCompletion("portal_homepage", null, null);
  }

  /** One item of {@code subscription_update_confirm[items]}: the new price and/or quantity. */
  record ItemChange(String id, String price, Long quantity) {}

  /** The hash of the flow's own type, e.g. {@code subscription_cancel}, is its params. */
  String param(String name) {
    return "flow_data[" + type + "][" + name + "]";
  }

  boolean onSubscription() {
    return subscription != null;
  }

  static PortalFlow decode(Params f) {
    String type = f.oneOf("type", TYPES);
    if (type == null && !f.has("type")) {
      f.fail(Errors.missing(f.path("type")));
    }
    AfterCompletion after = afterCompletion(f.hash("after_completion"));
    String subscription = null;
    List<ItemChange> items = List.of();
    for (String other : TYPES.subList(1, TYPES.size())) {
      if (!other.equals(type)) {
        f.raw(other); // another type's hash: not this flow's, so not read
        continue;
      }
      Params own = f.hash(other);
      if (own == null) {
        f.fail(Errors.missing(f.path(other)));
        continue;
      }
      subscription = own.requiredString("subscription");
      if (own.has("retention")) {
        own.raw("retention");
        f.fail(
            Errors.invalid(
                own.path("retention"),
                "Retention coupon offers are not supported: Tally has no coupons. Leave out "
                    + own.path("retention")
                    + "."));
      }
      if (own.has("discounts")) {
        own.raw("discounts");
        f.fail(
            Errors.invalid(
                own.path("discounts"),
                "Discounts are not supported: Tally has no coupons or promotion codes. Leave out "
                    + own.path("discounts")
                    + "."));
      }
      if (other.equals("subscription_update_confirm")) {
        items = items(own);
      }
    }
    return new PortalFlow(type, after, subscription, items);
  }

  private static AfterCompletion afterCompletion(Params a) {
    if (a == null) {
      return AfterCompletion.HOMEPAGE;
    }
    String type = a.oneOf("type", List.of("hosted_confirmation", "portal_homepage", "redirect"));
    if (type == null && !a.has("type")) {
      a.fail(Errors.missing(a.path("type")));
    }
    Params hosted = a.hash("hosted_confirmation");
    String message = hosted == null ? null : hosted.string("custom_message", 500);
    Params redirect = a.hash("redirect");
    String returnUrl = redirect == null ? null : redirect.requiredString("return_url");
    if ("redirect".equals(type) && redirect == null) {
      a.fail(Errors.missing(a.path("redirect")));
    }
    return new AfterCompletion(type, message, returnUrl);
  }

  private static List<ItemChange> items(Params own) {
    List<Params> raw = own.hashList("items");
    if (raw == null || raw.isEmpty()) {
      own.fail(Errors.missing(own.path("items")));
      return List.of();
    }
    List<ItemChange> out = new ArrayList<>();
    for (Params item : raw) {
      out.add(
          new ItemChange(
              item.requiredString("id"),
              item.string("price"),
              item.positiveInteger("quantity", false)));
    }
    return List.copyOf(out);
  }

  /** The session's {@code flow}, as Stripe renders it (every type's hash, null unless its own). */
  ObjectNode toJson() {
    ObjectNode flow = Json.object();
    ObjectNode after = flow.putObject("after_completion");
    if ("hosted_confirmation".equals(this.after.type())) {
      after.putObject("hosted_confirmation").put("custom_message", this.after.customMessage());
    } else {
      after.putNull("hosted_confirmation");
    }
    if ("redirect".equals(this.after.type())) {
      after.putObject("redirect").put("return_url", this.after.returnUrl());
    } else {
      after.putNull("redirect");
    }
    after.put("type", this.after.type());
    flow.putNull("subscription_cancel");
    flow.putNull("subscription_update");
    flow.putNull("subscription_update_confirm");
    switch (type) {
      case "subscription_cancel" ->
          flow.putObject(type).putNull("retention").put("subscription", subscription);
      case "subscription_update" -> flow.putObject(type).put("subscription", subscription);
      case "subscription_update_confirm" -> {
        ObjectNode confirm = flow.putObject(type);
        confirm.putArray("discounts");
        var list = confirm.putArray("items");
        for (ItemChange item : items) {
          ObjectNode i = list.addObject().put("id", item.id()).put("price", item.price());
          if (item.quantity() != null) {
            i.put("quantity", item.quantity());
          }
        }
        confirm.put("subscription", subscription);
      }
      default -> {}
    }
    flow.put("type", type);
    return flow;
  }

  /** The flow stored on a session, read back; null for a session without one. */
  static PortalFlow of(JsonNode flow) {
    if (flow == null || flow.isNull() || flow.isMissingNode()) {
      return null;
    }
    String type = flow.path("type").asText();
    JsonNode after = flow.path("after_completion");
    JsonNode own = flow.path(type);
    List<ItemChange> items = new ArrayList<>();
    for (JsonNode item : own.path("items")) {
      items.add(
          new ItemChange(
              item.path("id").asText(),
              item.path("price").textValue(),
              item.has("quantity") ? item.path("quantity").asLong() : null));
    }
    return new PortalFlow(
        type,
        new AfterCompletion(
            after.path("type").asText("portal_homepage"),
            after.path("hosted_confirmation").path("custom_message").textValue(),
            after.path("redirect").path("return_url").textValue()),
        own.path("subscription").textValue(),
        List.copyOf(items));
  }
}
