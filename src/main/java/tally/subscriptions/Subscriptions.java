package tally.subscriptions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.core.Ids;
import tally.core.Json;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.invoices.Invoice;
import tally.invoices.InvoiceCollection;
import tally.invoices.InvoiceItem;
import tally.invoices.InvoiceItems;
import tally.invoices.Invoices;
import tally.store.Table;

/**
 * Subscriptions: created with their first invoice (paid now, or a $0 one for a trial), renewed at
 * each period end on their customer's clock, and canceled now or at period end. Invoice outcomes
 * come back through {@link SubscriptionInvoices}.
 */
final class Subscriptions {
  static final Table<Subscription> TABLE = Table.of("subscriptions", Subscription.class);

  private final Customers customers;
  private final Prices prices;
  private final Invoices invoices;
  private final InvoiceCollection collection;
  private final InvoiceItems items;
  private final MeteredLines metered;

  Subscriptions(
      Customers customers,
      Prices prices,
      Invoices invoices,
      InvoiceCollection collection,
      InvoiceItems items,
      MeteredLines metered) {
    this.metered = metered;
    this.customers = customers;
    this.prices = prices;
    this.invoices = invoices;
    this.collection = collection;
    this.items = items;
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
    long now = ctx.now();
    Long trialEnd =
        p.trialEnd() != null
            ? p.trialEnd()
            : p.trialPeriodDays() != null ? now + p.trialPeriodDays() * 86_400 : null;
    if (trialEnd != null && trialEnd <= now) {
      throw Errors.invalid("trial_end", "Invalid timestamp: must be in the future.");
    }
    long periodEnd = trialEnd != null ? trialEnd : Periods.nth(now, unit, count, 1);
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
        TABLE.insert(
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
                trialEnd != null ? trialEnd : now,
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
                false));
    ctx.emit("customer.subscription.created", sub);
    Invoice invoice = bill(ctx, sub, "subscription_create", trialEnd != null, List.of());
    Invoice collected = collection.finalizeAndCollect(ctx, invoice.id());
    Subscription after = retrieve(ctx, id);
    if (after.status() == SubscriptionStatus.INCOMPLETE
        && !"charge_automatically".equals(after.collectionMethod())) {
      after = move(ctx, after, SubscriptionStatus.ACTIVE, Map.of());
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
                  + Optional.ofNullable(collected.nextPaymentAttempt())
                      .map(t -> "it would be retried")
                      .orElse("no payment method could pay it"),
              null));
    }
    return after;
  }

  /**
   * Drafts the invoice of the subscription's current period ($0 lines during a trial), after the
   * {@code usage} lines of the period that ended.
   */
  private Invoice bill(
      Ctx ctx, Subscription sub, String reason, boolean trial, List<Invoices.NewLine> usage) {
    List<Invoices.NewLine> lines = periodLines(sub, trial);
    lines.addAll(usage);
    // Pending items (prorations of changes) go on the subscription's next invoice.
    List<InvoiceItem> pending =
        trial ? List.of() : items.pending(ctx, sub.customer(), sub.currency());
    lines.addAll(InvoiceItems.lines(pending));
    Invoice invoice = draft(ctx, sub, reason, lines);
    pending.forEach(i -> items.assign(ctx, i.id(), invoice.id()));
    return invoice;
  }

  /** One line per licensed item for the subscription's current period (metered ones: arrears). */
  static List<Invoices.NewLine> periodLines(Subscription sub, boolean trial) {
    List<Invoices.NewLine> lines = new ArrayList<>();
    for (var item : sub.itemsData()) {
      var price = item.path("price");
      if (MeteredLines.metered(price)) {
        continue;
      }
      long quantity = item.path("quantity").asLong();
      String product = price.path("product").asText();
      lines.add(
          new Invoices.NewLine(
              (trial ? "Trial period for " : quantity + " × ")
                  + product
                  + (trial
                      ? ""
                      : " (at "
                          + price.path("unit_amount").asLong()
                          + " / "
                          + sub.intervalUnit()
                          + ")"),
              trial ? 0 : price.path("unit_amount").asLong(),
              quantity,
              price.path("id").asText(),
              product,
              sub.currentPeriodStart(),
              sub.currentPeriodEnd(),
              sub.id(),
              item.path("id").asText(),
              null));
    }
    return lines;
  }

  Invoice draft(Ctx ctx, Subscription sub, String reason, List<Invoices.NewLine> lines) {
    Invoice invoice = invoices.create(ctx, newInvoice(sub, reason, lines));
    TABLE.set(ctx, sub.id(), Map.of("latest_invoice", invoice.id()));
    return invoice;
  }

  static Invoices.NewInvoice newInvoice(
      Subscription sub, String reason, List<Invoices.NewLine> lines) {
    return new Invoices.NewInvoice(
        sub.customer(),
        sub.currency(),
        sub.id(),
        reason,
        sub.collectionMethod(),
        sub.daysUntilDue(),
        true,
        sub.defaultPaymentMethod(),
        sub.currentPeriodStart(),
        sub.currentPeriodEnd(),
        null,
        Map.of(),
        lines);
  }

  /** Finalizes and collects an invoice the subscription made (a change invoiced at once). */
  Invoice collect(Ctx ctx, String invoiceId) {
    return collection.finalizeAndCollect(ctx, invoiceId);
  }

  Optional<Subscription> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }

  Subscription retrieve(Ctx ctx, String id) {
    return find(ctx, id)
        .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription_exposed_id"));
  }

  /** Three days before a trial ends: {@code customer.subscription.trial_will_end}, once. */
  boolean warnTrialEnd(Ctx ctx, String id) {
    return TABLE
        .setWhere(
            ctx,
            id,
            Map.of("trial_warned", false, "status", SubscriptionStatus.TRIALING),
            Map.of("trial_warned", true))
        .map(sub -> {
          ctx.at(sub.trialEnd() - TRIAL_WARNING_SECONDS)
              .emit("customer.subscription.trial_will_end", sub);
          return true;
        })
        .orElse(false);
  }

  static final long TRIAL_WARNING_SECONDS = 3 * 86_400;

  /** A guarded move of the subscription's status, announced as an update. */
  Subscription move(Ctx ctx, Subscription from, SubscriptionStatus to, Map<String, ?> alsoSet) {
    Subscription moved = TABLE.transition(ctx, from.id(), from.status(), to, alsoSet).orElseThrow();
    ctx.emitUpdate("customer.subscription.updated", new Table.Updated<>(from, moved));
    return moved;
  }

  /** The clock reached the period end: cancel if asked, else start the next period and bill it. */
  boolean renewDue(Ctx ctx, String id) {
    Subscription sub = TABLE.findForUpdate(ctx, id).orElseThrow();
    if (!sub.status().renews() || sub.currentPeriodEnd() > ctx.now()) {
      return false;
    }
    Ctx at = ctx.at(sub.currentPeriodEnd());
    if (sub.cancelAtPeriodEnd()) {
      end(at, sub, "cancellation_requested");
      return true;
    }
    long start = sub.currentPeriodEnd();
    long end =
        Periods.endAfter(sub.billingCycleAnchor(), start, sub.intervalUnit(), sub.intervalCount());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("current_period_start", start);
    set.put("current_period_end", end);
    Subscription renewed =
        sub.status() == SubscriptionStatus.TRIALING
            ? move(at, sub, SubscriptionStatus.ACTIVE, set)
            : announce(at, sub, set);
    bill(
        at,
        renewed,
        "subscription_cycle",
        false,
        // Usage during a trial is free, as the trial's licensed lines are.
        sub.status() == SubscriptionStatus.TRIALING
            ? List.of()
            : metered.lines(at, sub, sub.currentPeriodStart(), sub.currentPeriodEnd()));
    return true;
  }

  private Subscription announce(Ctx ctx, Subscription before, Map<String, Object> set) {
    Subscription after = TABLE.set(ctx, before.id(), set).orElseThrow();
    ctx.emitUpdate("customer.subscription.updated", new Table.Updated<>(before, after));
    return after;
  }

  /** Ends the subscription now: canceled, and {@code customer.subscription.deleted}. */
  Subscription end(Ctx ctx, Subscription sub, String reason) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("ended_at", ctx.now());
    if (sub.canceledAt() == null) {
      set.put("canceled_at", ctx.now());
    }
    set.put("cancellation_reason", reason);
    Subscription ended =
        TABLE
            .transition(ctx, sub.id(), sub.status(), SubscriptionStatus.CANCELED, set)
            .orElseThrow();
    ctx.emit("customer.subscription.deleted", ended);
    return ended;
  }

  Subscription cancel(Ctx requestCtx, String id) {
    Subscription sub =
        TABLE
            .findForUpdate(requestCtx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription_exposed_id"));
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    if (sub.status() == SubscriptionStatus.CANCELED
        || sub.status() == SubscriptionStatus.INCOMPLETE_EXPIRED) {
      throw Errors.invalid(
          "resource_missing",
          null,
          "A canceled subscription can only update its cancellation_details and metadata.");
    }
    return end(ctx, sub, "cancellation_requested");
  }

  Subscription update(Ctx requestCtx, String id, SubscriptionParams.Update p) {
    if (!p.items().isEmpty()) {
      new ItemChanges(prices, items).apply(requestCtx, this, id, p);
    }
    var updated =
        TABLE
            .update(
                requestCtx,
                id,
                sub -> {
                  Ctx ctx = requestCtx.onTestClock(sub.testClock());
                  Map<String, Object> set = new LinkedHashMap<>();
                  set.put("metadata", p.metadata().applyTo(sub.metadata()));
                  if (p.cancelAtPeriodEnd() != null) {
                    if (!sub.status().renews() && p.cancelAtPeriodEnd()) {
                      throw Errors.invalid(
                          "cancel_at_period_end",
                          "A subscription that is "
                              + sub.status().wire()
                              + " cannot be canceled at"
                              + " period end.");
                    }
                    set.put("cancel_at_period_end", p.cancelAtPeriodEnd());
                    set.put("canceled_at", p.cancelAtPeriodEnd() ? ctx.now() : null);
                  }
                  if (p.defaultPaymentMethod() != null) {
                    set.put("default_payment_method", p.defaultPaymentMethod());
                  }
                  if (p.description() != null) {
                    set.put("description", p.description());
                  }
                  return set;
                })
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription_exposed_id"));
    return requestCtx.emitUpdate("customer.subscription.updated", updated);
  }

  ListPage list(Ctx ctx, SubscriptionParams.ListFilter f) {
    var q =
        new ListQuery<>(TABLE.name(), "subscription", ctx.accountId(), TABLE.mapper())
            .whereEquals("customer", f.customer());
    String status = f.status();
    if (status == null) {
      q = q.where("status NOT IN ('canceled', 'incomplete_expired')", Map.of());
    } else if ("ended".equals(status)) {
      q = q.where("status IN ('canceled', 'incomplete_expired')", Map.of());
    } else if (!"all".equals(status)) {
      q = q.whereEquals("status", status);
    }
    return q.page(ctx.db(), f.page(), "/v1/subscriptions");
  }
}
