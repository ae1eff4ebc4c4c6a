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
    String subscription,
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

  @Field
  InvoiceLine.Pricing pricing() {
    return new InvoiceLine.Pricing(
        new InvoiceLine.PriceDetails(price, product),
        Long.toString(amount / Math.max(1, quantity)));
  }
}
