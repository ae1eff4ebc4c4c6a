package tally.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.Json;
import tally.core.ObjectSchema;

/**
 * A Checkout Session. The columns hold what is guarded or filtered; {@code fields} the rest of what
 * the object echoes (and the payment's capture method, metadata and description). {@code url}
 * exists only while the session is open; {@code publicBase} is the server's, given when read.
 */
@ApiResource(
    value = "checkout.session",
    nulls = {
      "adaptive_pricing",
      "after_expiration",
      "billing_address_collection",
      "client_secret",
      "collected_information",
      "consent",
      "consent_collection",
      "currency_conversion",
      "customer_account",
      "integration_identifier",
      "invoice_creation",
      "managed_payments",
      "origin_context",
      "payment_link",
      "payment_method_configuration_details",
      "permissions",
      "recovered_from",
      "saved_payment_method_options",
      "shipping_address_collection",
      "shipping_cost",
      "wallet_options"
    })
record CheckoutSession(
    String id,
    long created,
    long expiresAt,
    CheckoutStatus status,
    String paymentStatus,
    String mode,
    String currency,
    Long amountSubtotal,
    Long amountTotal,
    String customer,
    String customerEmail,
    @Field(rendered = false) String charge,
    String paymentIntent,
    String setupIntent,
    String subscription,
    String invoice,
    @Field(rendered = false) ObjectNode fields,
    @Field(rendered = false) String testClock,
    @Field(stored = false, rendered = false) String publicBase)
    implements ApiObject {

  record AutomaticTax(boolean enabled, String liability, String provider, String status) {}

  record CustomText(
      String afterSubmit, String shippingAddress, String submit, String termsOfServiceAcceptance) {}

  record Enabled(boolean enabled) {}

  record TotalDetails(long amountDiscount, long amountShipping, long amountTax) {}

  /** What the payer gave on the hosted page, kept in {@code fields}. */
  record CustomerDetails(
      JsonNode address,
      String businessName,
      String email,
      String individualName,
      String name,
      String phone,
      String taxExempt,
      List<String> taxIds) {
    static CustomerDetails of(String email, String name, String country, String postalCode) {
      ObjectNode address = Json.object();
      address.putNull("city");
      address.put("country", country);
      address.putNull("line1");
      address.putNull("line2");
      address.put("postal_code", postalCode);
      address.putNull("state");
      return new CustomerDetails(
          country == null && postalCode == null ? null : address,
          null,
          email,
          null,
          name,
          null,
          "none",
          List.of());
    }
  }

  boolean open() {
    return status == CheckoutStatus.OPEN;
  }

  CheckoutSession at(String base) {
    return ObjectSchema.of(CheckoutSession.class).with(this, Map.of("public_base", base));
  }

  /** A field kept in {@code fields}, as stored (null when absent). */
  String field(String name) {
    return fields.path(name).textValue();
  }

  /**
   * Stripe's shape: the path ends in the session id and a {@code #} fragment (browsers keep the
   * fragment to themselves, so the page routes on the path). The fragment is derived from the id:
   * random-looking, yet the same on every read.
   */
  @Field
  String url() {
    return open() ? publicBase + "/c/pay/" + id + "#" + fragment(id) : null;
  }

  static String fragment(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return "fid" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Field
  TotalDetails totalDetails() {
    return amountTotal == null ? null : new TotalDetails(0, 0, 0);
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Field
  AutomaticTax automaticTax() {
    return new AutomaticTax(false, null, null, null);
  }

  @Field
  CustomText customText() {
    return new CustomText(null, null, null, null);
  }

  @Field
  Enabled phoneNumberCollection() {
    return new Enabled(false);
  }

  @Field
  String paymentMethodCollection() {
    String given = field("payment_method_collection");
    return given == null ? "always" : given;
  }

  boolean subscriptionMode() {
    return "subscription".equals(mode);
  }

  /**
   * Whether the page asks for a card: always, unless {@code payment_method_collection=if_required}
   * and nothing is due today (a trial).
   */
  boolean collectsCard() {
    return !"if_required".equals(paymentMethodCollection())
        || amountTotal == null
        || amountTotal > 0;
  }

  @Field
  Map<String, Object> paymentMethodOptions() {
    return Map.of();
  }

  @Field
  List<Object> customFields() {
    return List.of();
  }

  @Field
  List<Object> discounts() {
    return List.of();
  }

  @Field
  List<Object> shippingOptions() {
    return List.of();
  }

  // Echoed as they were given.

  @Field
  JsonNode allowPromotionCodes() {
    return fields.get("allow_promotion_codes");
  }

  @Field
  JsonNode cancelUrl() {
    return fields.get("cancel_url");
  }

  @Field
  JsonNode clientReferenceId() {
    return fields.get("client_reference_id");
  }

  @Field
  JsonNode customerCreation() {
    return fields.get("customer_creation");
  }

  @Field
  JsonNode customerDetails() {
    return fields.get("customer_details");
  }

  @Field
  JsonNode locale() {
    return fields.get("locale");
  }

  @Field
  JsonNode metadata() {
    return fields.get("metadata");
  }

  @Field
  JsonNode paymentMethodTypes() {
    return fields.get("payment_method_types");
  }

  @Field
  JsonNode submitType() {
    return fields.get("submit_type");
  }

  @Field
  JsonNode successUrl() {
    return fields.get("success_url");
  }

  @Field
  JsonNode uiMode() {
    return fields.get("ui_mode");
  }
}
