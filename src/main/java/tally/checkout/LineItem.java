package tally.checkout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.catalog.Price;
import tally.core.Json;

/** A Checkout line item ({@code object: item}) with its full price. */
record LineItem(
    String id, Price price, long quantity, long amount, String currency, String description)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "item");
    n.putNull("adjustable_quantity");
    n.put("amount_discount", 0);
    n.put("amount_subtotal", amount);
    n.put("amount_tax", 0);
    n.put("amount_total", amount);
    n.put("currency", currency);
    n.put("description", description);
    n.putNull("metadata");
    n.set("price", price.toJson());
    n.put("quantity", quantity);
    return n;
  }
}
