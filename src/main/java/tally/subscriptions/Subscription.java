package tally.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.Json;

/**
 * A subscription, in the shape of the API version we render: billing periods sit on its items.
 * {@code items_data} keeps each item's id, price (as rendered when subscribed) and quantity.
 */
@ApiResource(
    value = "subscription",
    nulls = {
      "application",
      "application_fee_percent",
      "billing_thresholds",
      "cancel_at",
      "customer_account",
      "default_source",
      "managed_payments",
      "next_pending_invoice_item_invoice",
      "on_behalf_of",
      "pending_invoice_item_interval",
      "pending_setup_intent",
      "pending_update",
      "schedule",
      "transfer_data"
    })
public record Subscription(
    String id,
    long created,
    String customer,
    SubscriptionStatus status,
    String currency,
    @Field(rendered = false) JsonNode itemsData,
    @Field(rendered = false) String intervalUnit,
    @Field(rendered = false) long intervalCount,
    long billingCycleAnchor,
    @Field(rendered = false) long currentPeriodStart,
    @Field(rendered = false) long currentPeriodEnd,
    boolean cancelAtPeriodEnd,
    Long canceledAt,
    Long endedAt,
    long startDate,
    Long trialStart,
    Long trialEnd,
    String latestInvoice,
    String defaultPaymentMethod,
    String collectionMethod,
    Long daysUntilDue,
    String description,
    Map<String, String> metadata,
    String testClock,
    @Field(rendered = false) String cancellationReason,
    @Field(rendered = false) boolean trialWarned,
    AnchorConfig billingCycleAnchorConfig,
    @Field(rendered = false) String pauseBehavior,
    @Field(rendered = false) Long pauseResumesAt,
    @Field(rendered = false) String trialMissingPaymentMethod,
    @Field(rendered = false) String cancellationFeedback,
    @Field(rendered = false) String cancellationComment)
    implements ApiObject {

  @Field
  ObjectNode items() {
    ArrayNode data = Json.MAPPER.createArrayNode();
    for (JsonNode stored : itemsData) {
      ObjectNode item = Json.object();
      item.put("id", stored.path("id").asText());
      item.put("object", "subscription_item");
      item.putNull("billing_thresholds");
      item.put("created", stored.path("created").asLong());
      item.put("current_period_end", currentPeriodEnd);
      item.put("current_period_start", currentPeriodStart);
      item.set("discounts", Json.MAPPER.createArrayNode());
      item.set("metadata", Json.object());
      item.set("plan", Plans.of(stored.path("price")));
      item.set("price", stored.path("price"));
      item.put("quantity", stored.path("quantity").asLong());
      item.put("subscription", id);
      item.set("tax_rates", Json.MAPPER.createArrayNode());
      data.add(item);
    }
    ObjectNode list = Json.object();
    list.put("object", "list");
    list.set("data", data);
    list.put("has_more", false);
    list.put("url", "/v1/subscription_items?subscription=" + id);
    return list;
  }

  /** Where the cycle's anchor falls (Stripe's billing_cycle_anchor_config); unset fields null. */
  public record AnchorConfig(Long dayOfMonth, Long hour, Long minute, Long month, Long second) {}

  /**
   * Tally bills as Stripe's classic mode does (prorations to the second, one cycle for all items);
   * since 2025-09-30.clover Stripe makes new subscriptions {@code flexible} unless asked otherwise.
   */
  record BillingMode(Object flexible, String type) {}

  @Field
  BillingMode billingMode() {
    return new BillingMode(null, "classic");
  }

  @Field
  java.util.List<Object> billingSchedules() {
    return java.util.List.of();
  }

  record CancellationDetails(String comment, String feedback, String reason) {}

  @Field
  CancellationDetails cancellationDetails() {
    return new CancellationDetails(cancellationComment, cancellationFeedback, cancellationReason);
  }

  record AutomaticTax(String disabledReason, boolean enabled, String liability) {}

  @Field
  AutomaticTax automaticTax() {
    return new AutomaticTax(null, false, null);
  }

  record Issuer(String type) {}

  record InvoiceSettings(
      List<String> accountTaxIds,
      List<Object> customFields,
      String description,
      String footer,
      Issuer issuer) {}

  @Field
  InvoiceSettings invoiceSettings() {
    return new InvoiceSettings(null, null, null, null, new Issuer("self"));
  }

  record PaymentSettings(
      Object paymentMethodOptions, Object paymentMethodTypes, String saveDefaultPaymentMethod) {}

  @Field
  PaymentSettings paymentSettings() {
    return new PaymentSettings(null, null, "off");
  }

  record MissingPaymentMethod(String missingPaymentMethod) {}

  record TrialSettings(MissingPaymentMethod endBehavior) {}

  @Field
  TrialSettings trialSettings() {
    return new TrialSettings(
        new MissingPaymentMethod(
            trialMissingPaymentMethod == null ? "create_invoice" : trialMissingPaymentMethod));
  }

  record PauseCollection(String behavior, Long resumesAt) {}

  @Field
  PauseCollection pauseCollection() {
    return pauseBehavior == null ? null : new PauseCollection(pauseBehavior, pauseResumesAt);
  }

  /** Collection is paused for a period that starts at {@code start}. */
  boolean collectionPausedAt(long start) {
    return pauseBehavior != null && (pauseResumesAt == null || pauseResumesAt > start);
  }

  @Field
  List<Object> defaultTaxRates() {
    return List.of();
  }

  @Field
  List<Object> discounts() {
    return List.of();
  }

  @Field
  boolean livemode() {
    return false;
  }
}
