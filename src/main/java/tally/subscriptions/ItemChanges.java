package tally.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.Ctx;
import tally.api.Errors;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.core.Ids;
import tally.core.Json;
import tally.invoices.Invoice;
import tally.invoices.InvoiceItem;
import tally.invoices.InvoiceItems;
import tally.store.Table;

/**
 * A change of a subscription's prices or quantities mid-period. With prorations (the default) the
 * unused time of the old item is credited and the remaining time of the new one charged, to the
 * second, as pending invoice items for the next invoice — or invoiced at once with {@code
 * always_invoice}; {@code none} changes only what the next period bills.
 */
final class ItemChanges {
  private final Prices prices;
  private final InvoiceItems items;

  ItemChanges(Prices prices, InvoiceItems items) {
    this.prices = prices;
    this.items = items;
  }

  void apply(Ctx requestCtx, Subscriptions subscriptions, String id, SubscriptionParams.Update p) {
    Subscription sub =
        Subscriptions.TABLE
            .findForUpdate(requestCtx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription_exposed_id"));
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    if (!sub.status().renews()) {
      throw Errors.invalid(
          "items", "A " + sub.status().wire() + " subscription's items cannot be changed.");
    }
    long span = sub.currentPeriodEnd() - sub.currentPeriodStart();
    long left = Math.max(0, sub.currentPeriodEnd() - ctx.now());
    boolean prorate = !"none".equals(p.prorationBehavior()) && left > 0 && span > 0;
    ArrayNode data = sub.itemsData().deepCopy();
    for (SubscriptionParams.ItemChange change : p.items()) {
      ObjectNode item = itemFor(data, change);
      JsonNode oldPrice = item.path("price");
      long oldQuantity = item.path("quantity").asLong();
      Price price = change.price() != null ? compatible(ctx, sub, change.price()) : null;
      JsonNode newPrice = price != null ? price.toJson() : oldPrice;
      long newQuantity = change.quantity() != null ? change.quantity() : oldQuantity;
      if (prorate && !oldPrice.isMissingNode()) {
        prorate(ctx, sub, oldPrice, oldQuantity, -1, left, span, "Unused time on ");
      }
      if (prorate) {
        prorate(ctx, sub, newPrice, newQuantity, 1, left, span, "Remaining time on ");
      }
      item.set("price", newPrice);
      item.put("quantity", newQuantity);
    }
    Subscription after = Subscriptions.TABLE.set(ctx, id, Map.of("items_data", data)).orElseThrow();
    ctx.emitUpdate("customer.subscription.updated", new Table.Updated<>(sub, after));
    if ("always_invoice".equals(p.prorationBehavior()) && prorate) {
      invoicePendingNow(ctx, subscriptions, after);
    }
  }

  /**
   * What a change of one item would prorate now, without making it: the remaining time of the new
   * price and quantity less the unused time of the old (positive: the customer owes it).
   */
  long preview(Ctx requestCtx, Subscription sub, SubscriptionParams.ItemChange change) {
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    long span = sub.currentPeriodEnd() - sub.currentPeriodStart();
    long left = Math.max(0, sub.currentPeriodEnd() - ctx.now());
    if (left == 0 || span <= 0) {
      return 0;
    }
    for (JsonNode item : sub.itemsData()) {
      if (item.path("id").asText().equals(change.id())) {
        JsonNode oldPrice = item.path("price");
        long oldQuantity = item.path("quantity").asLong();
        JsonNode newPrice =
            change.price() == null ? oldPrice : compatible(ctx, sub, change.price()).toJson();
        long newQuantity = change.quantity() == null ? oldQuantity : change.quantity();
        return share(newPrice, newQuantity, left, span) - share(oldPrice, oldQuantity, left, span);
      }
    }
    return 0;
  }

  /** A price's amount for {@code left} of a {@code span}-second period, to the cent. */
  private static long share(JsonNode price, long quantity, long left, long span) {
    return Math.round((double) price.path("unit_amount").asLong() * quantity * left / span);
  }

  /**
   * What making {@code changes} and then restarting the cycle now ({@code
   * billing_cycle_anchor=now}, see {@link AnchorReset}) would bill, as the two compute it: when
   * prorating, the change's prorations and the credit for the new items' unused time; then the new
   * items' full period.
   */
  long restartPreview(
      Ctx requestCtx,
      Subscription sub,
      List<SubscriptionParams.ItemChange> changes,
      boolean prorating) {
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    long span = sub.currentPeriodEnd() - sub.currentPeriodStart();
    long left = Math.max(0, sub.currentPeriodEnd() - ctx.now());
    boolean prorate = prorating && left > 0 && span > 0;
    ArrayNode data = sub.itemsData().deepCopy();
    long owed = 0;
    for (SubscriptionParams.ItemChange change : changes) {
      ObjectNode item = itemFor(data, change);
      JsonNode oldPrice = item.path("price");
      long oldQuantity = item.path("quantity").asLong();
      JsonNode newPrice =
          change.price() != null ? compatible(ctx, sub, change.price()).toJson() : oldPrice;
      long newQuantity = change.quantity() != null ? change.quantity() : oldQuantity;
      if (prorate) {
        owed += share(newPrice, newQuantity, left, span);
        owed -= oldPrice.isMissingNode() ? 0 : share(oldPrice, oldQuantity, left, span);
      }
      item.set("price", newPrice);
      item.put("quantity", newQuantity);
    }
    for (JsonNode item : data) {
      long quantity = item.path("quantity").asLong();
      owed += item.path("price").path("unit_amount").asLong() * quantity;
      owed -= prorate ? share(item.path("price"), quantity, left, span) : 0;
    }
    return owed;
  }

  /** {@code always_invoice}: the pending prorations are invoiced (and collected) at once. */
  void invoicePendingNow(Ctx ctx, Subscriptions subscriptions, Subscription sub) {
    List<InvoiceItem> pending = items.pending(ctx, sub.customer(), sub.currency());
    if (pending.isEmpty()) {
      return;
    }
    Invoice invoice =
        subscriptions.draft(
            ctx,
            sub,
            "subscription_update",
            new java.util.ArrayList<>(InvoiceItems.lines(pending)));
    pending.forEach(i -> items.assign(ctx, i.id(), invoice.id()));
    subscriptions.collect(ctx, invoice.id());
  }

  /** Credits each licensed item's unused time, from now to the period's end (a cancellation). */
  void creditUnusedTime(Ctx ctx, Subscription sub) {
    long span = sub.currentPeriodEnd() - sub.currentPeriodStart();
    long left = Math.max(0, sub.currentPeriodEnd() - ctx.now());
    if (left == 0 || span <= 0) {
      return;
    }
    for (JsonNode item : sub.itemsData()) {
      if (!MeteredLines.metered(item.path("price"))) {
        prorate(
            ctx,
            sub,
            item.path("price"),
            item.path("quantity").asLong(),
            -1,
            left,
            span,
            "Unused time on ");
      }
    }
  }

  /** The item a change names; a change without an id adds an item, unless there is only one. */
  private static ObjectNode itemFor(ArrayNode data, SubscriptionParams.ItemChange change) {
    for (JsonNode item : data) {
      if (change.id() != null && change.id().equals(item.path("id").asText())) {
        return (ObjectNode) item;
      }
    }
    if (change.id() != null) {
      throw Errors.invalid("items[0][id]", "No such subscription item: '" + change.id() + "'");
    }
    if (change.price() == null) {
      throw Errors.missing("items[0][price]");
    }
    ObjectNode added =
        Json.object().put("id", Ids.newId("si_")).put("created", 0L).put("quantity", 1L);
    data.add(added);
    return added;
  }

  private Price compatible(Ctx ctx, Subscription sub, String priceId) {
    Price price = prices.retrieve(ctx, priceId);
    if (!price.recurringPrice()
        || !price.currency().equals(sub.currency())
        || !price.recurring().path("interval").asText().equals(sub.intervalUnit())
        || price.recurring().path("interval_count").asLong(1) != sub.intervalCount()) {
      throw Errors.invalid(
          "items[0][price]",
          "The new price must be recurring with the subscription's currency and interval.");
    }
    return price;
  }

  private void prorate(
      Ctx ctx,
      Subscription sub,
      JsonNode price,
      long quantity,
      int sign,
      long left,
      long span,
      String what) {
    long amount = share(price, quantity, left, span);
    if (amount == 0) {
      return;
    }
    items.addProration(
        ctx,
        sub.customer(),
        sub.id(),
        sub.currency(),
        sign * amount,
        what + quantity + " × " + price.path("product").asText(),
        price.path("id").asText(),
        price.path("product").asText(),
        ctx.now(),
        sub.currentPeriodEnd());
  }
}
