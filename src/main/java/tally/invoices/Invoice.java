package tally.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.Json;

/**
 * An invoice, in the shape of the API version we render: its subscription under {@code parent}, its
 * payments at {@code /v1/invoice_payments}. The lines are fixed when it is made and kept in the
 * row; {@code publicBase} (the server's URL) is given when read, for the hosted page and PDF.
 */
@ApiResource(
    value = "invoice",
    nulls = {
      "account_country",
      "account_name",
      "application",
      "automatically_finalizes_at",
      "confirmation_secret",
      "custom_fields",
      "customer_account",
      "customer_address",
      "customer_phone",
      "customer_shipping",
      "customer_tax_exempt",
      "default_source",
      "footer",
      "from_invoice",
      "last_finalization_error",
      "latest_revision",
      "on_behalf_of",
      "receipt_number",
      "rendering",
      "shipping_cost",
      "shipping_details",
      "statement_descriptor",
      "subtotal_excluding_tax",
      "total_excluding_tax",
      "webhooks_delivered_at"
    })
public record Invoice(
    String id,
    long created,
    String customer,
    String customerEmail,
    String customerName,
    String currency,
    InvoiceStatus status,
    String collectionMethod,
    String billingReason,
    @Field(rendered = false) String subscription,
    String number,
    long subtotal,
    long total,
    long amountDue,
    long amountPaid,
    long attemptCount,
    boolean attempted,
    boolean autoAdvance,
    long periodStart,
    long periodEnd,
    Long dueDate,
    Long nextPaymentAttempt,
    String description,
    Map<String, String> metadata,
    String defaultPaymentMethod,
    @Field(inline = true) Transitions transitions,
    @Field(rendered = false) JsonNode linesData,
    String testClock,
    @Field(rendered = false) String paymentIntent,
    @Field(rendered = false) String hostedToken,
    @Field(stored = false, rendered = false) String publicBase)
    implements ApiObject {

  /** When it was finalized, paid, voided or marked uncollectible. */
  public record Transitions(
      @Field(rendered = false) Long finalizedAt,
      @Field(rendered = false) Long markedUncollectibleAt,
      @Field(rendered = false) Long paidAt,
      @Field(rendered = false) Long voidedAt) {
    static final Transitions NONE = new Transitions(null, null, null, null);
  }

  record StatusTransitions(
      Long finalizedAt, Long markedUncollectibleAt, Long paidAt, Long voidedAt) {}

  @Field
  StatusTransitions statusTransitions() {
    return new StatusTransitions(
        transitions.finalizedAt(),
        transitions.markedUncollectibleAt(),
        transitions.paidAt(),
        transitions.voidedAt());
  }

  @Field
  long amountRemaining() {
    return status == InvoiceStatus.VOID ? 0 : amountDue - amountPaid;
  }

  @Field
  ObjectNode lines() {
    ObjectNode list = Json.object();
    list.put("object", "list");
    list.set("data", linesData);
    list.put("has_more", false);
    list.put("url", "/v1/invoices/" + id + "/lines");
    return list;
  }

  /** {@code subscription_proration_date} is absent, not null, when no proration date applied. */
  record SubscriptionDetails(
      Map<String, String> metadata,
      String subscription,
      @Field(omitNull = true) Long subscriptionProrationDate) {}

  record Parent(Object quoteDetails, SubscriptionDetails subscriptionDetails, String type) {}

  @Field
  Parent parent() {
    return subscription == null
        ? null
        : new Parent(
            null, new SubscriptionDetails(Map.of(), subscription, null), "subscription_details");
  }

  @Field
  String hostedInvoiceUrl() {
    return hostedToken == null ? null : publicBase + "/i/" + hostedToken;
  }

  @Field
  String invoicePdf() {
    return hostedToken == null ? null : publicBase + "/i/" + hostedToken + "/pdf";
  }

  @Field
  long amountOverpaid() {
    return 0;
  }

  @Field
  long amountPaidOffStripe() {
    return 0;
  }

  @Field
  long amountShipping() {
    return 0;
  }

  @Field
  long endingBalance() {
    return 0;
  }

  @Field
  long startingBalance() {
    return 0;
  }

  @Field
  long postPaymentCreditNotesAmount() {
    return 0;
  }

  @Field
  long prePaymentCreditNotesAmount() {
    return 0;
  }

  @Field
  Long effectiveAt() {
    return transitions.finalizedAt();
  }

  @Field
  List<Object> accountTaxIds() {
    return null;
  }

  @Field
  List<Object> customerTaxIds() {
    return List.of();
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
  List<Object> totalDiscountAmounts() {
    return List.of();
  }

  /** Each line's pretax credit amounts, summed per credit balance transaction. */
  @Field
  List<JsonNode> totalPretaxCreditAmounts() {
    Map<String, ObjectNode> byTransaction = new java.util.LinkedHashMap<>();
    for (JsonNode line : linesData) {
      for (JsonNode credit : line.path("pretax_credit_amounts")) {
        String txn = credit.path("credit_balance_transaction").asText();
        ObjectNode total =
            byTransaction.computeIfAbsent(
                txn, t -> ((ObjectNode) credit.deepCopy()).put("amount", 0));
        total.put("amount", total.path("amount").asLong() + credit.path("amount").asLong());
      }
    }
    return List.copyOf(byTransaction.values());
  }

  /** A line as other features read it: what it bills, for which price and period. */
  public record Line(
      String id, String price, long quantity, long amount, long periodStart, long periodEnd) {}

  public List<Line> billedLines() {
    List<Line> out = new java.util.ArrayList<>();
    for (JsonNode l : linesData) {
      JsonNode price = l.path("pricing").path("price_details").path("price");
      out.add(
          new Line(
              l.path("id").asText(),
              price.isTextual() ? price.asText() : null,
              l.path("quantity").asLong(),
              l.path("amount").asLong(),
              l.path("period").path("start").asLong(),
              l.path("period").path("end").asLong()));
    }
    return out;
  }

  @Field
  List<Object> totalTaxes() {
    return List.of();
  }

  record AutomaticTax(
      String disabledReason, boolean enabled, String liability, String provider, String status) {}

  @Field
  AutomaticTax automaticTax() {
    return new AutomaticTax(null, false, null, null, null);
  }

  record Issuer(String type) {}

  @Field
  Issuer issuer() {
    return new Issuer("self");
  }

  record PaymentSettings(
      String defaultMandate, Object paymentMethodOptions, Object paymentMethodTypes) {}

  @Field
  PaymentSettings paymentSettings() {
    return new PaymentSettings(null, null, null);
  }

  @Field
  boolean livemode() {
    return false;
  }

  /** Voided: what paid it (credits) is given back. */
  public boolean voided() {
    return status == InvoiceStatus.VOID;
  }

  boolean open() {
    return status == InvoiceStatus.OPEN;
  }
}
