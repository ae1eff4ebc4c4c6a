package tally.checkout;

import java.util.Map;
import tally.api.ApiObject;
import tally.catalog.Price;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.ObjectSchema;

/**
 * A Checkout line item ({@code object: item}) of one session. The row keeps the price's id; the
 * rendered item carries the full price, looked up when read. A metered price has no quantity (its
 * usage is billed later): stored as 0, rendered null.
 */
@ApiResource(
    value = "item",
    nulls = {"adjustable_quantity", "metadata"})
record LineItem(
    String id,
    @Field(rendered = false) String session,
    @Field(name = "price", rendered = false) String priceId,
    @Field(name = "quantity", rendered = false) long storedQuantity,
    @Field(rendered = false) long amount,
    String currency,
    String description,
    @Field(stored = false, rendered = false) Price fullPrice)
    implements ApiObject {

  LineItem with(Price price) {
    return ObjectSchema.of(LineItem.class).with(this, Map.of("full_price", price));
  }

  @Field
  Price price() {
    return fullPrice;
  }

  @Field
  Long quantity() {
    return storedQuantity == 0 ? null : storedQuantity;
  }

  @Field
  long amountDiscount() {
    return 0;
  }

  @Field
  long amountSubtotal() {
    return amount;
  }

  @Field
  long amountTax() {
    return 0;
  }

  @Field
  long amountTotal() {
    return amount;
  }
}
