package tally.subscriptions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.core.Ids;
import tally.core.Json;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.invoices.Invoice;
import tally.invoices.InvoiceCollection;
import tally.invoices.InvoiceItems;
import tally.invoices.Invoices;

/**
 * {@code POST /v1/subscriptions}: the subscription and its first invoice (a $0 one for a trial).
 * {@code payment_behavior} says what an unpaid first invoice does: {@code allow_incomplete} (the
 * default) tries to pay it and leaves the subscription incomplete on a decline; {@code
 * error_if_incomplete} refuses the whole request with the decline; {@code default_incomplete}
 * finalizes it without paying, for the customer to pay. An incomplete subscription whose first
 * invoice is still unpaid 23 hours later expires (see {@link Renewals#expireIncomplete}).
 */
final class SubscriptionCreation {
  private final Customers customers;
  private final Prices prices;
  private final Invoices invoices;
  private final InvoiceCollection collection;
  private final InvoiceItems invoiceItems;
  private final Subscriptions subscriptions;

  SubscriptionCreation(
      Customers customers,
      Prices prices,
      Invoices invoices,
      InvoiceCollection collection,
      InvoiceItems invoiceItems,
      Subscriptions subscriptions) {
    this.customers = customers;
    this.prices = prices;
    this.invoices = invoices;
    this.collection = collection;
    this.invoiceItems = invoiceItems;
    this.subscriptions = subscriptions;
  }

  Subscription create(Ctx requestCtx, SubscriptionParams.Create p) {
    Customer customer = customers.requireLive(requestCtx, p.customer(), "customer");
    Ctx ctx = requestCtx.onTestClock(customer.testClock());
    List<Price> items = new ArrayList<>();
    for (SubscriptionParams.Item i : p.items()) {
      Price price = prices.retrieve(ctx, i.price());
      if (!price.recurringPrice()) {
        throw Errors.invalid(
            "items[0][price]",
            "The price specified is set to `type=one_time` but this field only accepts prices"
                + " with `type=recurring`.");
      }
      items.add(price);
    }
    Price first = items.getFirst();
    String unit = first.recurring().path("interval").asText();
    long count = first.recurring().path("interval_count").asLong(1);
    for (Price price : items) {
      if (!price.currency().equals(first.currency())
          || !price.recurring().path("interval").asText().equals(unit)
          || price.recurring().path("interval_count").asLong(1) != count) {
        throw Errors.invalid(
            "items",
            "All prices on a subscription must have the same currency and recurring interval.");
      }
    }
    List<Price> oneTime = oneTimePrices(ctx, p, first.currency());
    long now = ctx.now();
    Long trialEnd =
        p.trialEnd() != null
            ? p.trialEnd()
            : p.trialPeriodDays() != null ? now + p.trialPeriodDays() * 86_400 : null;
    if (trialEnd != null && trialEnd <= now) {
      throw Errors.invalid("trial_end", "Invalid timestamp: must be in the future.");
    }
    long cycleStart = trialEnd != null ? trialEnd : now;
    Long anchor = anchor(p, cycleStart, unit, count);
    long periodEnd =
        trialEnd != null ? trialEnd : anchor != null ? anchor : Periods.nth(now, unit, count, 1);
    ArrayNode stored = Json.MAPPER.createArrayNode();
    for (int i = 0; i < items.size(); i++) {
      stored.add(
          Json.object()
              .put("id", Ids.newId("si_"))
              .put("created", now)
              .put("quantity", p.items().get(i).quantity())
              .set("price", items.get(i).toJson()));
    }
    String id = Ids.newId("sub_");
    Subscription sub =
        Subscriptions.TABLE.insert(
            ctx,
            new Subscription(
                id,
                now,
                p.customer(),
                trialEnd != null ? SubscriptionStatus.TRIALING : SubscriptionStatus.INCOMPLETE,
                first.currency(),
                stored,
                unit,
                count,
                anchor != null ? anchor : cycleStart,
                now,
                periodEnd,
                false,
                null,
                null,
                now,
                trialEnd != null ? now : null,
                trialEnd,
                null,
                p.defaultPaymentMethod(),
                p.collectionMethod(),
                p.daysUntilDue(),
                p.description(),
                p.metadata().applyTo(Map.of()),
                customer.testClock(),
                null,
                false,
                anchor != null ? p.anchorConfig() : null,
                null,
                null,
                p.trialMissingPaymentMethod(),
                null,
                null));
    SubscriptionSearch.indexMetadata(ctx, sub, true);
    ctx.emit("customer.subscription.created", sub);
    for (int i = 0; i < oneTime.size(); i++) {
      SubscriptionParams.OneTime added = p.addInvoiceItems().get(i);
      invoiceItems.addOneTime(
          ctx, sub.customer(), id, oneTime.get(i), added.quantity(), added.description());
    }
    Invoice invoice =
        subscriptions.bill(ctx, sub, "subscription_create", trialEnd != null, p.prorate());
    Invoice settled =
        "default_incomplete".equals(p.paymentBehavior())
            // Finalized for the customer to pay; a $0 invoice is paid by finalizing.
            ? invoices.finalizeDraft(ctx, invoice.id())
            : collection.finalizeAndCollect(ctx, invoice.id());
    Subscription after = subscriptions.retrieve(ctx, id);
    if (after.status() == SubscriptionStatus.INCOMPLETE
        && !"charge_automatically".equals(after.collectionMethod())) {
      after = subscriptions.move(ctx, after, SubscriptionStatus.ACTIVE, Map.of());
    }
    if (after.status() == SubscriptionStatus.INCOMPLETE
        && "error_if_incomplete".equals(p.paymentBehavior())) {
      // Nothing of this attempt stays: the transaction rolls back.
      throw new ApiException(
          new ApiError.CardError(
              "card_declined",
              null,
              null,
              "The subscription's first payment failed: "
                  + Optional.ofNullable(settled.nextPaymentAttempt())
                      .map(t -> "it would be retried")
                      .orElse("no payment method could pay it"),
              null));
    }
    return after;
  }

  /** The prices of {@code add_invoice_items}: one-time, in the subscription's currency. */
  private List<Price> oneTimePrices(Ctx ctx, SubscriptionParams.Create p, String currency) {
    List<Price> out = new ArrayList<>();
    for (int i = 0; i < p.addInvoiceItems().size(); i++) {
      String param = "add_invoice_items[" + i + "][price]";
      String id = p.addInvoiceItems().get(i).price();
      Price price = prices.find(ctx, id).orElseThrow(() -> Errors.noSuch("price", id, param));
      if (price.recurringPrice()) {
        throw Errors.invalid(
            param,
            "The price specified is set to `type=recurring` but this field only accepts prices"
                + " with `type=one_time`.");
      }
      if (!price.currency().equals(currency)) {
        throw Errors.invalid(
            param,
            "The price's currency ("
                + price.currency()
                + ") must match the subscription's currency ("
                + currency
                + ").");
      }
      out.add(price);
    }
    return out;
  }

  /**
   * The cycle's anchor when one was asked for: at most one full period after the cycle starts (now,
   * or when the trial ends); null when none was, or when it is the cycle's start.
   */
  private static Long anchor(
      SubscriptionParams.Create p, long cycleStart, String unit, long count) {
    if (p.anchorConfig() != null && !"month".equals(unit) && !"year".equals(unit)) {
      throw Errors.invalid(
          "billing_cycle_anchor_config",
          "billing_cycle_anchor_config is only supported for monthly and yearly prices.");
    }
    Long anchor =
        p.anchorConfig() != null
            ? Long.valueOf(Periods.anchorFrom(cycleStart, unit, p.anchorConfig()))
            : p.billingCycleAnchor();
    if (anchor == null || anchor == cycleStart) {
      return null;
    }
    if (anchor < cycleStart) {
      throw Errors.invalid(
          "billing_cycle_anchor",
          "billing_cycle_anchor cannot be earlier than the start of the subscription's first"
              + " billing period ("
              + cycleStart
              + ").");
    }
    long natural = Periods.nth(cycleStart, unit, count, 1);
    if (anchor > natural) {
      throw Errors.invalid(
          "billing_cycle_anchor",
          "billing_cycle_anchor cannot be later than next natural billing date ("
              + natural
              + ") for plan");
    }
    return anchor;
  }
}
