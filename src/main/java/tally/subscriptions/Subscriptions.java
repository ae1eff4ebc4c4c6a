package tally.subscriptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.catalog.Prices;
import tally.invoices.Invoice;
import tally.invoices.InvoiceCollection;
import tally.invoices.InvoiceItem;
import tally.invoices.InvoiceItems;
import tally.invoices.Invoices;
import tally.store.Table;

/**
 * Subscriptions: their invoices, status moves, updates and cancellation. They are made by {@link
 * SubscriptionCreation} and moved by the clock in {@link Renewals}; invoice outcomes come back
 * through {@link SubscriptionInvoices}.
 */
final class Subscriptions {
  static final Table<Subscription> TABLE = Table.of("subscriptions", Subscription.class);

  private final Prices prices;
  private final Invoices invoices;
  private final InvoiceCollection collection;
  private final InvoiceItems items;

  Subscriptions(
      Prices prices, Invoices invoices, InvoiceCollection collection, InvoiceItems items) {
    this.prices = prices;
    this.invoices = invoices;
    this.collection = collection;
    this.items = items;
  }

  /** Drafts the invoice of the subscription's current period ($0 lines during a trial). */
  Invoice bill(Ctx ctx, Subscription sub, String reason, boolean trial) {
    return bill(ctx, sub, reason, trial, true);
  }

  /**
   * Drafts the invoice of the current period. A period that ends at an anchor still ahead of its
   * start is the shorter first one: billed as prorations of a full period ({@code prorate}), or not
   * at all.
   */
  Invoice bill(Ctx ctx, Subscription sub, String reason, boolean trial, boolean prorate) {
    return bill(ctx, sub, reason, trial, prorate, List.of());
  }

  /** The same, after the {@code usage} lines of metered items for the period that ended. */
  Invoice bill(
      Ctx ctx,
      Subscription sub,
      String reason,
      boolean trial,
      boolean prorate,
      List<Invoices.NewLine> usage) {
    boolean stub = !trial && sub.currentPeriodStart() < sub.billingCycleAnchor();
    List<Invoices.NewLine> lines = stub ? new ArrayList<>() : periodLines(sub, trial);
    lines.addAll(usage);
    if (stub && prorate) {
      prorateUntilAnchor(ctx, sub);
    }
    // Pending items (prorations of changes) go on the subscription's next invoice; in a trial only
    // the one-time items added to its first invoice do (they are charged at once, as on Stripe).
    List<InvoiceItem> pending =
        items.pending(ctx, sub.customer(), sub.currency()).stream()
            .filter(i -> !trial || (sub.id().equals(i.subscription()) && !i.proration()))
            .toList();
    return draftWith(ctx, sub, reason, lines, pending);
  }

  /** Drafts {@code lines} and the {@code pending} items, which now belong to the invoice. */
  private Invoice draftWith(
      Ctx ctx,
      Subscription sub,
      String reason,
      List<Invoices.NewLine> lines,
      List<InvoiceItem> pending) {
    lines.addAll(InvoiceItems.lines(pending));
    Invoice invoice = draft(ctx, sub, reason, lines);
    pending.forEach(i -> items.assign(ctx, i.id(), invoice.id()));
    return invoice;
  }

  /**
   * The invoice of a subscription that ends at its period end: the period's metered usage and the
   * pending items, nothing in advance. No invoice when nothing is owed.
   */
  void billFinal(Ctx ctx, Subscription sub, List<Invoices.NewLine> usage) {
    List<InvoiceItem> pending = items.pending(ctx, sub.customer(), sub.currency());
    if (!usage.isEmpty() || !pending.isEmpty()) {
      draftWith(ctx, sub, "subscription_cycle", new ArrayList<>(usage), pending);
    }
  }

  /** Each item's share of a full period for the time from the period's start to the anchor. */
  private void prorateUntilAnchor(Ctx ctx, Subscription sub) {
    long anchor = sub.billingCycleAnchor();
    long full = anchor - Periods.nth(anchor, sub.intervalUnit(), sub.intervalCount(), -1);
    long part = anchor - sub.currentPeriodStart();
    for (var item : sub.itemsData()) {
      var price = item.path("price");
      if (MeteredLines.metered(price)) {
        continue; // billed for its usage, in arrears
      }
      long quantity = item.path("quantity").asLong();
      long amount =
          Math.round((double) price.path("unit_amount").asLong() * quantity * part / full);
      if (amount > 0) {
        items.addProration(
            ctx,
            sub.customer(),
            sub.id(),
            sub.currency(),
            amount,
            "Remaining time on " + quantity + " × " + price.path("product").asText(),
            price.path("id").asText(),
            price.path("product").asText(),
            sub.currentPeriodStart(),
            anchor);
      }
    }
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
        // An unpaid subscription's invoices stay drafts: nothing is attempted until it is paid up;
        // so do those made while collection is paused.
        sub.status() != SubscriptionStatus.UNPAID
            && !sub.collectionPausedAt(sub.currentPeriodStart()),
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

  /** A guarded move of the subscription's status, announced as an update. */
  Subscription move(Ctx ctx, Subscription from, SubscriptionStatus to, Map<String, ?> alsoSet) {
    Subscription moved = TABLE.transition(ctx, from.id(), from.status(), to, alsoSet).orElseThrow();
    ctx.emitUpdate("customer.subscription.updated", new Table.Updated<>(from, moved));
    return moved;
  }

  Subscription announce(Ctx ctx, Subscription before, Map<String, Object> set) {
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
    if (p.resetAnchor()) {
      new AnchorReset(this, items).apply(requestCtx, id, !"none".equals(p.prorationBehavior()));
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
                    // A requested cancellation says so at once; withdrawing it clears the details.
                    set.put(
                        "cancellation_reason",
                        p.cancelAtPeriodEnd() ? "cancellation_requested" : null);
                    if (!p.cancelAtPeriodEnd()) {
                      set.put("cancellation_feedback", null);
                      set.put("cancellation_comment", null);
                    }
                  }
                  if (p.pause() != null) {
                    if (!sub.status().renews() && sub.status() != SubscriptionStatus.PAUSED) {
                      throw Errors.invalid(
                          "pause_collection",
                          "A "
                              + sub.status().wire()
                              + " subscription's collection cannot be paused.");
                    }
                    set.put("pause_behavior", p.pause().behavior());
                    set.put("pause_resumes_at", p.pause().resumesAt());
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
    if (!updated.after().metadata().equals(updated.before().metadata())) {
      SubscriptionSearch.indexMetadata(requestCtx, updated.after(), false);
    }
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
