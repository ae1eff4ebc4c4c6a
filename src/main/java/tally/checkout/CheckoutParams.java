package tally.checkout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.catalog.PriceSpec;
import tally.core.Json;

/** Params of the Checkout Session endpoints. */
final class CheckoutParams {
  private CheckoutParams() {}

  /** One line item: an existing price, or price_data for a product or new product_data. */
  record Item(
      String price, PriceSpec priceData, String product, String productName, Long quantity) {}

  record Create(
      String mode,
      List<Item> items,
      String customer,
      String customerEmail,
      String currency,
      Long expiresAt,
      String captureMethod,
      Map<String, String> paymentMetadata,
      String paymentDescription,
      SubscriptionData subscriptionData,
      ObjectNode fields) {

    static Create decode(Params p) {
      String mode = p.oneOf("mode", List.of("payment", "setup", "subscription"));
      boolean subscription = "subscription".equals(mode);
      List<Item> items = items(p);
      String customer = p.string("customer");
      String email = p.string("customer_email");
      if (customer != null && email != null) {
        p.fail(
            Errors.invalid(
                null, "You may only specify one of these parameters: customer, customer_email."));
      }
      ObjectNode fields = Json.object();
      fields.put("success_url", p.string("success_url"));
      fields.put("cancel_url", p.string("cancel_url"));
      fields.put("client_reference_id", p.string("client_reference_id", 200));
      String creation = p.oneOf("customer_creation", List.of("always", "if_required"));
      if (subscription && creation != null) {
        // Subscription mode always makes a customer.
        p.fail(
            Errors.invalid(
                "customer_creation",
                "`customer_creation` can only be used in `payment` and `setup` mode."));
      }
      fields.put("customer_creation", creation);
      String collection = p.oneOf("payment_method_collection", List.of("always", "if_required"));
      if (collection != null && !subscription) {
        p.fail(
            Errors.invalid(
                "payment_method_collection",
                "`payment_method_collection` can only be used in `subscription` mode."));
      }
      fields.put("payment_method_collection", collection == null ? "always" : collection);
      fields.putNull("customer_details");
      fields.put("locale", p.string("locale"));
      fields.set("metadata", Json.MAPPER.valueToTree(Metadata.read(p).applyTo(Map.of())));
      List<String> methods = p.stringList("payment_method_types");
      fields.set(
          "payment_method_types",
          Json.MAPPER.valueToTree(methods == null ? List.of("card") : methods));
      fields.put(
          "submit_type",
          p.oneOf("submit_type", List.of("auto", "book", "donate", "pay", "subscribe")));
      String ui =
          p.oneOf("ui_mode", List.of("hosted_page", "embedded_page", "elements", "form", "hosted"));
      fields.put("ui_mode", ui == null || ui.equals("hosted") ? "hosted_page" : ui);
      Boolean promo = p.bool("allow_promotion_codes");
      fields.put("allow_promotion_codes", promo);
      String capture = null;
      Map<String, String> paymentMetadata = Map.of();
      String description = null;
      Params pid = p.hash("payment_intent_data");
      if (pid != null && subscription) {
        p.fail(
            Errors.invalid(
                "payment_intent_data",
                "You can only pass `payment_intent_data` in `payment` mode."));
      }
      if (pid != null) {
        capture = pid.oneOf("capture_method", List.of("automatic", "automatic_async", "manual"));
        paymentMetadata = Metadata.read(pid).applyTo(Map.of());
        description = pid.string("description");
        // Kept with the echoed fields; the PaymentIntent made on the page gets it.
        fields.put(
            "setup_future_usage",
            pid.oneOf("setup_future_usage", List.of("off_session", "on_session")));
        fields.put("receipt_email", pid.string("receipt_email"));
        pid.raw("statement_descriptor");
        pid.raw("statement_descriptor_suffix");
      }
      Params sid = p.hash("setup_intent_data");
      if (sid != null) {
        if (!"setup".equals(mode)) {
          p.fail(
              Errors.invalid(
                  "setup_intent_data", "You can only pass `setup_intent_data` in `setup` mode."));
        }
        fields.set("setup_metadata", Json.MAPPER.valueToTree(Metadata.read(sid).applyTo(Map.of())));
        fields.put("setup_description", sid.string("description"));
        sid.raw("on_behalf_of");
      }
      SubscriptionData subscriptionData = SubscriptionData.decode(p, subscription);
      p.raw("return_url");
      p.raw("billing_address_collection");
      p.raw("phone_number_collection");
      return new Create(
          mode == null ? "payment" : mode,
          items,
          customer,
          email,
          p.string("currency"),
          p.integer("expires_at"),
          capture,
          paymentMetadata,
          description,
          subscriptionData,
          fields);
    }

    private static List<Item> items(Params p) {
      List<Params> raw = p.hashList("line_items");
      if (raw == null) {
        return List.of();
      }
      List<Item> items = new ArrayList<>();
      for (Params item : raw) {
        String price = item.string("price");
        Params data = item.hash("price_data");
        Long quantity = item.positiveInteger("quantity", false);
        item.raw("adjustable_quantity");
        item.raw("tax_rates");
        item.raw("metadata");
        if ((price == null) == (data == null)) {
          p.fail(
              Errors.invalid(
                  item.path("price"),
                  "You must provide either price or price_data for each line item when using"
                      + " prices."));
          continue;
        }
        PriceSpec spec = null;
        String product = null;
        String productName = null;
        if (data != null) {
          spec = PriceSpec.read(data, false);
          product = data.string("product");
          Params productData = data.hash("product_data");
          if (productData != null) {
            productName = productData.requiredString("name");
            productData.raw("description");
            productData.raw("images");
            productData.raw("metadata");
            productData.raw("tax_code");
            productData.raw("unit_label");
          }
          if ((product == null) == (productData == null)) {
            p.fail(
                Errors.invalid(
                    data.path("product"), "Provide exactly one of product or product_data."));
          }
        }
        items.add(new Item(price, spec, product, productName, quantity));
      }
      return items;
    }
  }

  record ListFilter(
      ListParams page, String customer, String status, String paymentIntent, String subscription) {
    static ListFilter decode(Params p) {
      ListFilter f =
          new ListFilter(
              ListParams.read(p),
              p.string("customer"),
              p.oneOf("status", List.of("complete", "expired", "open")),
              p.string("payment_intent"),
              p.string("subscription"));
      p.raw("payment_link");
      p.raw("customer_details");
      return f;
    }
  }

  record Update(Metadata metadata) {
    static Update decode(Params p) {
      return new Update(Metadata.read(p));
    }
  }
}
