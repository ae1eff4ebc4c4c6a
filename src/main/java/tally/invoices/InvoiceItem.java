package tally.invoices;

import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** A one-off amount for a customer's next invoice ({@code invoiceitem}); pending until then. */
@ApiResource(
    value = "invoiceitem",
    nulls = {"customer_account"})
public record InvoiceItem(
    String id,
    // Stripe shows an invoice item's creation as its date.
    @Field(rendered = false) long created,
    String customer,
    long amount,
    String currency,
    String description,
    long quantity,
    String invoice,
    Map<String, String> metadata,
    @Field(rendered = false) String price,
    @Field(rendered = false) String product,
    String testClock,
    @Field(rendered = false) boolean deleted,
    @Field(rendered = false) String subscription,
    boolean proration,
    @Field(rendered = false) Long periodStart,
    @Field(rendered = false) Long periodEnd)
    implements ApiObject {

  @Field
  long date() {
    return created;
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Field
  boolean discountable() {
    return true;
  }

  record Period(long end, long start) {}

  @Field
  Period period() {
    return new Period(
        periodEnd == null ? created : periodEnd, periodStart == null ? created : periodStart);
  }

  /** Dahlia names the item's subscription under {@code parent}, not at the top. */
  record Parent(SubscriptionDetails subscriptionDetails, String type) {}

  record SubscriptionDetails(String subscription) {}

  @Field
  Parent parent() {
    return subscription == null
        ? null
        : new Parent(new SubscriptionDetails(subscription), "subscription_details");
  }

  @Field
  String quantityDecimal() {
    return Long.toString(quantity);
  }

  @Field
  java.util.List<String> discounts() {
    return java.util.List.of();
  }

  @Field
  java.util.List<Object> taxRates() {
    return java.util.List.of();
  }

  @Field
  InvoiceLine.Pricing pricing() {
    return new InvoiceLine.Pricing(
        price == null ? null : new InvoiceLine.PriceDetails(price, product),
        Long.toString(amount / Math.max(1, quantity)));
  }
}
