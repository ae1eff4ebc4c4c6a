package tally.subscriptions;

import java.util.LinkedHashMap;
import java.util.Map;
import tally.api.Ctx;
import tally.api.Errors;
import tally.invoices.Invoice;
import tally.invoices.InvoiceItems;

/**
 * {@code billing_cycle_anchor=now} on update: the cycle restarts now. The unused rest of the
 * current period is credited (unless {@code proration_behavior=none}) and the new full period is
 * invoiced and collected at once.
 */
final class AnchorReset {
  private final Subscriptions subscriptions;
  private final InvoiceItems items;

  AnchorReset(Subscriptions subscriptions, InvoiceItems items) {
    this.subscriptions = subscriptions;
    this.items = items;
  }

  void apply(Ctx requestCtx, String id, boolean prorate) {
    Subscription sub =
        Subscriptions.TABLE
            .findForUpdate(requestCtx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription_exposed_id"));
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    if (sub.status() != SubscriptionStatus.ACTIVE && sub.status() != SubscriptionStatus.PAST_DUE) {
      throw Errors.invalid(
          "billing_cycle_anchor",
          "billing_cycle_anchor=now cannot be used on a " + sub.status().wire() + " subscription.");
    }
    long now = ctx.now();
    long span = sub.currentPeriodEnd() - sub.currentPeriodStart();
    long left = sub.currentPeriodEnd() - now;
    if (prorate && left > 0 && span > 0) {
      for (var item : sub.itemsData()) {
        var price = item.path("price");
        long quantity = item.path("quantity").asLong();
        long credit =
            Math.round((double) price.path("unit_amount").asLong() * quantity * left / span);
        if (credit > 0) {
          items.addProration(
              ctx,
              sub.customer(),
              sub.id(),
              sub.currency(),
              -credit,
              "Unused time on " + quantity + " × " + price.path("product").asText(),
              price.path("id").asText(),
              price.path("product").asText(),
              now,
              sub.currentPeriodEnd());
        }
      }
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("billing_cycle_anchor", now);
    set.put("current_period_start", now);
    set.put("current_period_end", Periods.nth(now, sub.intervalUnit(), sub.intervalCount(), 1));
    set.put("billing_cycle_anchor_config", null);
    Subscription reset = subscriptions.announce(ctx, sub, set);
    Invoice invoice = subscriptions.bill(ctx, reset, "subscription_update", false);
    subscriptions.collect(ctx, invoice.id());
  }
}
