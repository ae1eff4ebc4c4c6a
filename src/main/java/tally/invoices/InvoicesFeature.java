package tally.invoices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.catalog.Prices;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;
import tally.payments.CardPayments;

/** Invoices, invoice items and invoice payments, collected on the clock. */
public final class InvoicesFeature implements Feature {
  private final Invoices invoices;
  private final InvoiceCollection collection;
  private final InvoiceItems items;
  private final InvoicePage page;

  public InvoicesFeature(
      Customers customers, Prices prices, CardPayments payments, Supplier<String> publicUrl) {
    this.invoices = new Invoices(customers, publicUrl);
    this.collection = new InvoiceCollection(invoices, customers, payments);
    this.items = new InvoiceItems(customers, prices);
    this.page = new InvoicePage(invoices, collection, payments);
  }

  public Invoices invoices() {
    return invoices;
  }

  public InvoiceCollection collection() {
    return collection;
  }

  public InvoiceItems items() {
    return items;
  }

  /** A customer's invoice history, for the customer portal. */
  public InvoiceHistory history() {
    return new InvoiceHistory(invoices);
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    r.post("/v1/invoices", InvoiceParams.Create::decode, this::create);
    r.get("/v1/invoices", InvoiceParams.ListFilter::decode, this::list);
    r.post("/v1/invoices/create_preview", InvoiceParams.Preview::decode, this::preview);
    r.get(
        "/v1/invoices/{invoice}",
        Decoder.none(),
        (ctx, p) -> invoices.retrieve(ctx, ctx.path("invoice")));
    r.post(
        "/v1/invoices/{invoice}",
        InvoiceParams.Update::decode,
        (ctx, p) -> update(ctx, ctx.path("invoice"), p));
    r.delete(
        "/v1/invoices/{invoice}",
        Decoder.none(),
        (ctx, p) -> invoices.deleteDraft(ctx, ctx.path("invoice")));
    r.post(
        "/v1/invoices/{invoice}/finalize",
        Decoder.none(),
        (ctx, p) -> invoices.finalizeDraft(ctx, ctx.path("invoice")));
    r.post(
        "/v1/invoices/{invoice}/pay",
        Decoder.none(),
        (ctx, p) -> collection.attempt(ctx, ctx.path("invoice"), true));
    r.post(
        "/v1/invoices/{invoice}/void",
        Decoder.none(),
        (ctx, p) ->
            invoices.close(
                ctx, ctx.path("invoice"), InvoiceStatus.VOID, "voided_at", "invoice.voided"));
    r.post(
        "/v1/invoices/{invoice}/mark_uncollectible",
        Decoder.none(),
        (ctx, p) ->
            invoices.close(
                ctx,
                ctx.path("invoice"),
                InvoiceStatus.UNCOLLECTIBLE,
                "marked_uncollectible_at",
                "invoice.marked_uncollectible"));
    r.post(
        "/v1/invoices/{invoice}/send",
        Decoder.none(),
        (ctx, p) -> {
          Invoice inv = invoices.retrieve(ctx, ctx.path("invoice"));
          if (!inv.open()) {
            throw Errors.invalid("invoice_not_open", null, "You can only send an open invoice.");
          }
          ctx.emit("invoice.sent", inv);
          return inv;
        });
    r.get(
        "/v1/invoices/{invoice}/lines",
        ListParams::read,
        (ctx, p) -> {
          Invoice inv = invoices.retrieve(ctx, ctx.path("invoice"));
          List<tally.api.ApiObject> lines = new ArrayList<>();
          inv.linesData()
              .forEach(l ->
                  lines.add(
                      tally.api.ApiObject.of(
                          () -> (com.fasterxml.jackson.databind.node.ObjectNode) l)));
          return new ListPage("/v1/invoices/" + inv.id() + "/lines", lines, false);
        });

    r.post("/v1/invoiceitems", InvoiceItems.Create::decode, items::create);
    r.get("/v1/invoiceitems", InvoiceItems.ListFilter::decode, items::list);
    r.get(
        "/v1/invoiceitems/{invoiceitem}",
        Decoder.none(),
        (ctx, p) -> items.retrieve(ctx, ctx.path("invoiceitem")));
    r.delete(
        "/v1/invoiceitems/{invoiceitem}",
        Decoder.none(),
        (ctx, p) -> items.delete(ctx, ctx.path("invoiceitem")));

    r.get(
        "/v1/invoice_payments",
        InvoiceParams.PaymentsFilter::decode,
        (ctx, f) -> collection.listPayments(ctx, f.invoice(), f.page()));
    r.get(
        "/v1/invoice_payments/{invoice_payment}",
        Decoder.none(),
        (ctx, p) -> collection.retrievePayment(ctx, ctx.path("invoice_payment")));

    r.open("GET", "/i/{token}", Decoder.none(), (ctx, p) -> page.show(ctx, ctx.path("token")));
    r.open("GET", "/i/{token}/pdf", Decoder.none(), (ctx, p) -> page.pdf(ctx, ctx.path("token")));
    r.open(
        "POST",
        "/i/{token}",
        InvoicePage.PayForm::decode,
        (ctx, f) -> page.pay(ctx, ctx.path("token"), f));

    in.expand().finder("in_", (ctx, id) -> invoices.find(ctx, id).orElse(null));
    in.expand()
        .expandable(
            "invoice",
            "application",
            "customer",
            "default_payment_method",
            "default_source",
            "latest_revision",
            "on_behalf_of",
            "test_clock",
            "automatic_tax.liability.account",
            "from_invoice.invoice",
            "issuer.account",
            "parent.subscription_details.subscription",
            "shipping_cost.shipping_rate");
    in.expand()
        .expandable(
            "invoiceitem", "customer", "invoice", "test_clock", "pricing.price_details.price");
    in.expand().expandable("line_item", "subscription", "pricing.price_details.price");
    in.expand()
        .expandable(
            "invoice_payment",
            "invoice",
            "payment.charge",
            "payment.payment_intent",
            "payment.payment_record");

    in.due(
        "SELECT account_id, id FROM invoices WHERE status = 'draft' AND auto_advance = TRUE AND"
            + " created + 3600 <= :now AND <clock> LIMIT 500",
        collection::finalizeDue);
    in.due(
        "SELECT account_id, id FROM invoices WHERE status = 'open' AND next_payment_attempt <="
            + " :now AND <clock> LIMIT 500",
        collection::retryDue);
    in.due(
        "SELECT account_id, id FROM invoices WHERE status = 'open' AND collection_method ="
            + " 'send_invoice' AND overdue_noticed = FALSE AND due_date <= :now AND <clock>"
            + " LIMIT 500",
        invoices::overdueDue);
    in.emits(
        "invoice.overdue",
        "invoice.created",
        "invoice.finalized",
        "invoice.paid",
        "invoice.payment_succeeded",
        "invoice.payment_failed",
        "invoice.voided",
        "invoice.marked_uncollectible",
        "invoice.sent",
        "invoice.updated",
        "invoice.deleted",
        "invoice_payment.paid",
        "invoiceitem.created",
        "invoiceitem.deleted");
  }

  /** {@code POST /v1/invoices}: a draft, with the customer's pending items if asked. */
  private Invoice create(Ctx ctx, InvoiceParams.Create p) {
    String currency = p.currency() == null ? "usd" : p.currency();
    List<InvoiceItem> taken =
        p.includePending() ? items.pending(ctx, p.customer(), currency) : List.of();
    List<Invoices.NewLine> lines = InvoiceItems.lines(taken);
    Invoice inv =
        invoices.create(
            ctx,
            new Invoices.NewInvoice(
                p.customer(),
                currency,
                null,
                "manual",
                p.collectionMethod(),
                p.daysUntilDue(),
                p.autoAdvance(),
                p.defaultPaymentMethod(),
                ctx.now(),
                ctx.now(),
                p.description(),
                p.metadata().applyTo(Map.of()),
                lines));
    taken.forEach(i -> items.assign(ctx, i.id(), inv.id()));
    return inv;
  }

  private Invoice preview(Ctx ctx, InvoiceParams.Preview p) {
    return upcoming(ctx, p.customer(), p.subscription())
        .orElseThrow(() ->
            Errors.invalid(
                "invoice_upcoming_none",
                null,
                "No upcoming invoices for customer: " + p.customer()));
  }

  /**
   * The customer's next invoice, never stored: its subscription's next period ({@code
   * subscription}, or any that renews when null) and its pending items; empty when it would have no
   * line.
   */
  public java.util.Optional<Invoice> upcoming(Ctx ctx, String customer, String subscription) {
    Invoices.NewInvoice upcoming =
        invoices.listeners().stream()
            .map(l -> l.upcoming(ctx, customer, subscription))
            .flatMap(java.util.Optional::stream)
            .findFirst()
            .orElse(null);
    String currency = upcoming != null ? upcoming.currency() : "usd";
    List<Invoices.NewLine> lines = new ArrayList<>(upcoming != null ? upcoming.lines() : List.of());
    lines.addAll(InvoiceItems.lines(items.pending(ctx, customer, currency)));
    if (lines.isEmpty()) {
      return java.util.Optional.empty();
    }
    Invoices.NewInvoice n =
        upcoming != null
            ? new Invoices.NewInvoice(
                upcoming.customer(),
                currency,
                upcoming.subscription(),
                upcoming.billingReason(),
                upcoming.collectionMethod(),
                upcoming.daysUntilDue(),
                true,
                upcoming.defaultPaymentMethod(),
                upcoming.periodStart(),
                upcoming.periodEnd(),
                null,
                Map.of(),
                lines)
            : new Invoices.NewInvoice(
                customer,
                currency,
                null,
                "manual",
                "charge_automatically",
                null,
                false,
                null,
                ctx.now(),
                ctx.now(),
                null,
                Map.of(),
                lines);
    return java.util.Optional.of(invoices.preview(ctx, n));
  }

  private Invoice update(Ctx ctx, String id, InvoiceParams.Update p) {
    var updated =
        Invoices.TABLE
            .update(
                ctx,
                id,
                inv -> {
                  Map<String, Object> set = new LinkedHashMap<>();
                  set.put("metadata", p.metadata().applyTo(inv.metadata()));
                  boolean draft = inv.status() == InvoiceStatus.DRAFT;
                  if (!draft && (p.description() != null || p.defaultPaymentMethod() != null)) {
                    throw Errors.invalid(
                        "invoice_not_editable",
                        null,
                        "You can only edit the description and payment method of a draft invoice.");
                  }
                  if (p.description() != null) {
                    set.put("description", p.description());
                  }
                  if (p.autoAdvance() != null) {
                    set.put("auto_advance", p.autoAdvance());
                  }
                  if (p.defaultPaymentMethod() != null) {
                    set.put("default_payment_method", p.defaultPaymentMethod());
                  }
                  return set;
                })
            .orElseThrow(() -> Errors.noSuch("invoice", id, "invoice"));
    return invoices.seen(ctx.emitUpdate("invoice.updated", updated));
  }

  private ListPage list(Ctx ctx, InvoiceParams.ListFilter f) {
    return new ListQuery<>(
            Invoices.TABLE.name(),
            "invoice",
            ctx.accountId(),
            (rs, sc) -> invoices.seen(Invoices.TABLE.mapper().map(rs, sc)))
        .whereEquals("customer", f.customer())
        .whereEquals("status", f.status())
        .whereEquals("subscription", f.subscription())
        .whereEquals("collection_method", f.collection())
        .page(ctx.db(), f.page(), "/v1/invoices");
  }
}
