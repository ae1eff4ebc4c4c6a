package tally.invoices;

import java.util.List;
import java.util.Map;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * One line of an invoice ({@code line_item}), fixed when the invoice is made: a subscription item's
 * period, or a one-off invoice item. Kept in the invoice's row.
 */
@ApiResource("line_item")
public record InvoiceLine(
    String id,
    String invoice,
    long amount,
    String currency,
    String description,
    Map<String, String> metadata,
    Period period,
    Pricing pricing,
    long quantity,
    String subscription,
    @Field(rendered = false) String subscriptionItem,
    @Field(rendered = false) String invoiceItem) {

  public record Period(long end, long start) {}

  public record PriceDetails(String price, String product) {}

  /** {@code price_details} is absent for an amount without a price (Stripe's is never null). */
  public record Pricing(
      @Field(omitNull = true) PriceDetails priceDetails, String unitAmountDecimal) {
    public Pricing {
      if (priceDetails != null && priceDetails.price() == null) {
        priceDetails = null; // lines stored before this rule kept an empty price_details
      }
    }

    @Field
    String type() {
      return "price_details";
    }
  }

  record ProrationDetails(Object creditedItems) {}

  record SubscriptionItemDetails(
      String invoiceItem,
      boolean proration,
      ProrationDetails prorationDetails,
      String subscription,
      String subscriptionItem) {}

  record InvoiceItemDetails(
      String invoiceItem,
      boolean proration,
      ProrationDetails prorationDetails,
      String subscription) {}

  /** Both details are rendered, the one {@code type} does not name as null. */
  record Parent(
      InvoiceItemDetails invoiceItemDetails,
      SubscriptionItemDetails subscriptionItemDetails,
      String type) {}

  @Field
  Parent parent() {
    if (subscriptionItem != null) {
      return new Parent(
          null,
          new SubscriptionItemDetails(
              null, false, new ProrationDetails(null), subscription, subscriptionItem),
          "subscription_item_details");
    }
    return new Parent(
        new InvoiceItemDetails(invoiceItem, false, new ProrationDetails(null), subscription),
        null,
        "invoice_item_details");
  }

  @Field
  String quantityDecimal() {
    return Long.toString(quantity);
  }

  @Field
  long subtotal() {
    return amount;
  }

  @Field
  boolean discountable() {
    return true;
  }

  @Field
  List<Object> discountAmounts() {
    return List.of();
  }

  @Field
  List<Object> discounts() {
    return List.of();
  }

  @Field
  List<Object> pretaxCreditAmounts() {
    return List.of();
  }

  @Field
  List<Object> taxes() {
    return List.of();
  }

  @Field
  boolean livemode() {
    return false;
  }
}
