package tally.checkout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/**
 * A Checkout Session. The columns hold what is guarded or filtered; {@code fields} the rest of what
 * the object echoes. {@code url} exists only while the session is open.
 */
record CheckoutSession(
    String id,
    long created,
    long expiresAt,
    String status,
    String paymentStatus,
    String mode,
    String currency,
    Long amountSubtotal,
    Long amountTotal,
    String customer,
    String customerEmail,
    String charge,
    ObjectNode fields,
    String publicBase)
    implements ApiObject {

  boolean open() {
    return "open".equals(status);
  }

  String url() {
    return publicBase + "/c/pay/" + id;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "checkout.session");
    n.putNull("adaptive_pricing");
    n.putNull("after_expiration");
    n.set("allow_promotion_codes", fields.get("allow_promotion_codes"));
    n.put("amount_subtotal", amountSubtotal);
    n.put("amount_total", amountTotal);
    ObjectNode tax = n.putObject("automatic_tax");
    tax.put("enabled", false);
    tax.putNull("liability");
    tax.putNull("provider");
    tax.putNull("status");
    n.putNull("billing_address_collection");
    n.set("cancel_url", fields.get("cancel_url"));
    n.set("client_reference_id", fields.get("client_reference_id"));
    n.putNull("client_secret");
    n.putNull("collected_information");
    n.putNull("consent");
    n.putNull("consent_collection");
    n.put("created", created);
    n.put("currency", currency);
    n.putNull("currency_conversion");
    n.putArray("custom_fields");
    ObjectNode text = n.putObject("custom_text");
    for (String f :
        new String[] {
          "after_submit", "shipping_address", "submit", "terms_of_service_acceptance"
        }) {
      text.putNull(f);
    }
    n.put("customer", customer);
    n.putNull("customer_account");
    n.set("customer_creation", fields.get("customer_creation"));
    n.set("customer_details", fields.get("customer_details"));
    n.put("customer_email", customerEmail);
    n.putArray("discounts");
    n.put("expires_at", expiresAt);
    n.putNull("integration_identifier");
    n.putNull("invoice");
    n.putNull("invoice_creation");
    n.put("livemode", false);
    n.set("locale", fields.get("locale"));
    n.putNull("managed_payments");
    n.set("metadata", fields.get("metadata"));
    n.put("mode", mode);
    n.putNull("origin_context");
    n.putNull("payment_intent");
    n.putNull("payment_link");
    n.put("payment_method_collection", "always");
    n.putNull("payment_method_configuration_details");
    n.putObject("payment_method_options");
    n.set("payment_method_types", fields.get("payment_method_types"));
    n.put("payment_status", paymentStatus);
    n.putNull("permissions");
    n.putObject("phone_number_collection").put("enabled", false);
    n.putNull("recovered_from");
    n.putNull("saved_payment_method_options");
    n.putNull("setup_intent");
    n.putNull("shipping_address_collection");
    n.putNull("shipping_cost");
    n.putArray("shipping_options");
    n.put("status", status);
    n.set("submit_type", fields.get("submit_type"));
    n.putNull("subscription");
    n.set("success_url", fields.get("success_url"));
    if (amountTotal != null) {
      ObjectNode totals = n.putObject("total_details");
      totals.put("amount_discount", 0);
      totals.put("amount_shipping", 0);
      totals.put("amount_tax", 0);
    } else {
      n.putNull("total_details");
    }
    n.set("ui_mode", fields.get("ui_mode"));
    n.put("url", open() ? url() : null);
    n.putNull("wallet_options");
    return n;
  }
}
