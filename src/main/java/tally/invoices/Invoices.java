package tally.invoices;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import tally.api.Ctx;
import tally.api.Errors;
import tally.core.Ids;
import tally.core.Json;
import tally.core.ObjectSchema;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.store.Table;

/**
 * Invoices: made as drafts (by subscriptions, or from pending invoice items), finalized to open
 * with a number per customer, then paid, voided or marked uncollectible. Every status change is a
 * guarded move of {@link InvoiceStatus}; payment goes through {@link InvoiceCollection}.
 */
public final class Invoices {
  static final Table<Invoice> TABLE = Table.of("invoices", Invoice.class);

  private final Customers customers;
  private final Supplier<String> publicUrl;
  private final List<InvoiceListener> listeners = new CopyOnWriteArrayList<>();

  Invoices(Customers customers, Supplier<String> publicUrl) {
    this.customers = customers;
    this.publicUrl = publicUrl;
  }

  /** Hooks of the feature that owns an invoice's parent (subscriptions). */
  public void addListener(InvoiceListener listener) {
    listeners.add(listener);
  }

  List<InvoiceListener> listeners() {
    return listeners;
  }

  /**
   * A line to bill: a subscription item's period, or an invoice item. {@code amount} and {@code
   * unitAmountDecimal} are set when the amount is not {@code unitAmount × quantity} (usage priced
   * per fractional unit or by tiers); otherwise null.
   */
  public record NewLine(
      String description,
      long unitAmount,
      long quantity,
      String price,
      String product,
      long periodStart,
      long periodEnd,
      String subscription,
      String subscriptionItem,
      String invoiceItem,
      Long amount,
      String unitAmountDecimal) {

    public NewLine(
        String description,
        long unitAmount,
        long quantity,
        String price,
        String product,
        long periodStart,
        long periodEnd,
        String subscription,
        String subscriptionItem,
        String invoiceItem) {
      this(
          description,
          unitAmount,
          quantity,
          price,
          product,
          periodStart,
          periodEnd,
          subscription,
          subscriptionItem,
          invoiceItem,
          null,
          null);
    }

    long total() {
      return amount != null ? amount : unitAmount * quantity;
    }

    String unitDecimal() {
      return amount != null ? unitAmountDecimal : Long.toString(unitAmount);
    }
  }

  /** A line's quantity and amount read again from usage at finalization. */
  public record Repriced(
      String line, long quantity, long amount, String unitAmountDecimal, String description) {}

  /** What a credit balance transaction paid of a line (before tax). */
  public record LineCredit(String line, long amount, String creditBalanceTransaction) {}

  /** An invoice to draft. */
  public record NewInvoice(
      String customer,
      String currency,
      String subscription,
      String billingReason,
      String collectionMethod,
      Long daysUntilDue,
      boolean autoAdvance,
      String defaultPaymentMethod,
      long periodStart,
      long periodEnd,
      String description,
      Map<String, String> metadata,
      List<NewLine> lines) {}

  public Invoice create(Ctx requestCtx, NewInvoice n) {
    Customer customer = customers.requireLive(requestCtx, n.customer(), "customer");
    Ctx ctx = requestCtx.onTestClock(customer.testClock());
    Invoice invoice = TABLE.insert(ctx, build(ctx, Ids.newId("in_"), customer, n));
    Invoice seen = seen(invoice);
    ctx.emit("invoice.created", seen);
    return seen;
  }

  /**
   * What the customer's next invoice would be ({@code create_preview}): built like a real one,
   * never stored, with Stripe's {@code upcoming_in_…} id.
   */
  Invoice preview(Ctx requestCtx, NewInvoice n) {
    Customer customer = customers.requireLive(requestCtx, n.customer(), "customer");
    Ctx ctx = requestCtx.onTestClock(customer.testClock());
    Invoice upcoming = build(ctx, "upcoming_in_" + Ids.random(24), customer, n);
    return seen(Settlement.preview(ctx, upcoming, listeners));
  }

  private Invoice build(Ctx ctx, String id, Customer customer, NewInvoice n) {
    ArrayNode lines = Json.MAPPER.createArrayNode();
    long subtotal = 0;
    for (NewLine l : n.lines()) {
      long amount = l.total();
      subtotal += amount;
      lines.add(
          ObjectSchema.of(InvoiceLine.class)
              .render(
                  new InvoiceLine(
                      Ids.newId("il_"),
                      id,
                      amount,
                      n.currency(),
                      l.description(),
                      Map.of(),
                      new InvoiceLine.Period(l.periodEnd(), l.periodStart()),
                      new InvoiceLine.Pricing(
                          new InvoiceLine.PriceDetails(l.price(), l.product()), l.unitDecimal()),
                      l.quantity(),
                      l.subscription(),
                      l.subscriptionItem(),
                      l.invoiceItem())));
    }
    return new Invoice(
        id,
        ctx.now(),
        n.customer(),
        customer.email(),
        customer.name(),
        n.currency(),
        InvoiceStatus.DRAFT,
        n.collectionMethod(),
        n.billingReason(),
        n.subscription(),
        null,
        subtotal,
        subtotal,
        subtotal,
        0,
        0,
        false,
        n.autoAdvance(),
        n.periodStart(),
        n.periodEnd(),
        n.daysUntilDue() == null ? null : ctx.now() + n.daysUntilDue() * 86_400,
        null,
        n.description(),
        n.metadata(),
        n.defaultPaymentMethod(),
        Invoice.Transitions.NONE,
        lines,
        customer.testClock(),
        null,
        null,
        null);
  }

  /** The invoice as a reader sees it: with the server's public URL for its page and PDF. */
  Invoice seen(Invoice i) {
    return ObjectSchema.of(Invoice.class).with(i, Map.of("publicBase", publicUrl.get()));
  }

  public Optional<Invoice> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id).map(this::seen);
  }

  Invoice retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("invoice", id, "invoice"));
  }

  /** Locks the invoice row for a status change. */
  Invoice lock(Ctx ctx, String id) {
    return TABLE
        .findForUpdate(ctx, id)
        .map(this::seen)
        .orElseThrow(() -> Errors.noSuch("invoice", id, "invoice"));
  }

  /** Finalizes a draft: open, numbered per customer, due if sent; a zero invoice is paid. */
  public Invoice finalizeDraft(Ctx requestCtx, String id) {
    Invoice draft = lock(requestCtx, id);
    Ctx ctx = requestCtx.onTestClock(draft.testClock());
    if (draft.status() != InvoiceStatus.DRAFT) {
      throw Errors.invalid(
          "invoice_not_editable",
          null,
          "This invoice is already finalized, you can't re-finalize a non-draft invoice.");
    }
    Customer customer = customers.requireLive(ctx, draft.customer(), "customer");
    draft = seen(Settlement.settle(ctx, draft, listeners));
    long number = customers.takeInvoiceNumber(ctx, draft.customer());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("number", customer.invoicePrefix() + "-" + String.format("%04d", number));
    set.put("finalized_at", ctx.now());
    set.put("hosted_token", "invst_" + Ids.random(40));
    boolean free = draft.amountDue() == 0;
    if (free) {
      set.put("paid_at", ctx.now());
    }
    Invoice open =
        seen(
            TABLE
                .transition(
                    ctx,
                    id,
                    InvoiceStatus.DRAFT,
                    free ? InvoiceStatus.PAID : InvoiceStatus.OPEN,
                    set)
                .orElseThrow());
    ctx.emit("invoice.finalized", open);
    if (free) {
      ctx.emit("invoice.paid", open);
      listeners.forEach(l -> l.paid(ctx, open));
    }
    return open;
  }

  /** Moves an open (or uncollectible) invoice to {@code to}, with its timestamp. */
  Invoice close(Ctx ctx, String id, InvoiceStatus to, String stampColumn, String event) {
    Invoice inv = lock(ctx, id);
    if (!inv.status().canMoveTo(to)) {
      throw Errors.invalid(
          "invoice_not_editable",
          null,
          "You can only "
              + verb(to)
              + " an open invoice; this one is "
              + inv.status().wire()
              + ".");
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put(stampColumn, ctx.now());
    set.put("next_payment_attempt", null);
    Invoice closed = seen(TABLE.transition(ctx, id, inv.status(), to, set).orElseThrow());
    ctx.emit(event, closed);
    listeners.forEach(l -> l.closed(ctx, closed));
    return closed;
  }

  /**
   * An open invoice sent to the customer reached its due date unpaid: {@code invoice.overdue} at
   * that instant, once, and its subscription hears of it (past_due).
   */
  boolean overdueDue(Ctx ctx, String id) {
    Invoice inv = lock(ctx, id);
    if (!inv.open() || inv.dueDate() == null || inv.dueDate() > ctx.now()) {
      return false;
    }
    int noticed =
        ctx.db()
            .createUpdate(
                "UPDATE invoices SET overdue_noticed = TRUE WHERE account_id = ? AND id = ? AND"
                    + " overdue_noticed = FALSE")
            .bind(0, ctx.accountId())
            .bind(1, id)
            .execute();
    if (noticed != 1) {
      return false;
    }
    Ctx at = ctx.at(inv.dueDate());
    at.emit("invoice.overdue", inv);
    listeners.forEach(l -> l.overdue(at, inv));
    return true;
  }

  /** Voids the invoice if it is still open (an expiring subscription's first invoice). */
  public void voidIfOpen(Ctx ctx, String id) {
    if (lock(ctx, id).open()) {
      close(ctx, id, InvoiceStatus.VOID, "voided_at", "invoice.voided");
    }
  }

  /** Marks the invoice uncollectible if it is open (after its last retry, or paused collection). */
  public void markUncollectible(Ctx ctx, String id) {
    if (!lock(ctx, id).open()) {
      return;
    }
    close(
        ctx,
        id,
        InvoiceStatus.UNCOLLECTIBLE,
        "marked_uncollectible_at",
        "invoice.marked_uncollectible");
  }

  private static String verb(InvoiceStatus to) {
    return to == InvoiceStatus.VOID ? "void" : "mark uncollectible";
  }

  /** Deletes a draft (only drafts can be deleted). */
  tally.api.ApiObject deleteDraft(Ctx ctx, String id) {
    Invoice inv = lock(ctx, id);
    if (inv.status() != InvoiceStatus.DRAFT) {
      throw Errors.invalid("invoice_not_editable", null, "You can only delete draft invoices.");
    }
    ctx.db()
        .createUpdate("DELETE FROM invoices WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .execute();
    ctx.emit("invoice.deleted", inv);
    return tally.api.ApiObject.of(
        () -> Json.object().put("id", id).put("object", "invoice").put("deleted", true));
  }
}
