package tally.invoices;

import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Metadata;
import tally.api.Params;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.charges.ChargeParams;
import tally.core.Ids;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.store.Table;

/** One-off invoice items: pending on the customer until an invoice takes them. */
public final class InvoiceItems {
  static final Table<InvoiceItem> TABLE = Table.of("invoice_items", InvoiceItem.class);

  private final Customers customers;
  private final Prices prices;

  InvoiceItems(Customers customers, Prices prices) {
    this.customers = customers;
    this.prices = prices;
  }

  record Create(
      String customer,
      Long amount,
      String currency,
      String price,
      long quantity,
      String description,
      String invoice,
      Metadata metadata) {
    static Create decode(Params p) {
      String customer = p.requiredString("customer");
      Long amount = p.integer("amount");
      String currency = p.has("currency") ? ChargeParams.currency(p) : null;
      Params pricing = p.hash("pricing");
      String price = pricing != null ? pricing.string("price") : p.string("price");
      Long quantity = p.positiveInteger("quantity", false);
      String description = p.string("description", 500);
      String invoice = p.string("invoice");
      Metadata metadata = Metadata.read(p);
      if (amount == null && price == null) {
        p.fail(Errors.missing("amount"));
      }
      p.raw("period");
      p.raw("discountable");
      p.raw("tax_behavior");
      p.raw("subscription");
      return new Create(
          customer,
          amount,
          currency,
          price,
          quantity == null ? 1 : quantity,
          description,
          invoice,
          metadata);
    }
  }

  InvoiceItem create(Ctx requestCtx, Create p) {
    Customer customer = customers.requireLive(requestCtx, p.customer(), "customer");
    Ctx ctx = requestCtx.onTestClock(customer.testClock());
    String currency = p.currency();
    long amount;
    String product = null;
    if (p.price() != null) {
      Price price = prices.retrieve(ctx, p.price());
      currency = price.currency();
      product = price.product();
      amount = (price.unitAmount() == null ? 0 : price.unitAmount()) * p.quantity();
    } else {
      if (currency == null) {
        throw Errors.missing("currency");
      }
      amount = p.amount();
    }
    InvoiceItem item =
        TABLE.insert(
            ctx,
            new InvoiceItem(
                Ids.newId("ii_"),
                ctx.now(),
                p.customer(),
                amount,
                currency,
                p.description(),
                p.quantity(),
                p.invoice(),
                p.metadata().applyTo(Map.of()),
                p.price(),
                product,
                customer.testClock(),
                false,
                null,
                false,
                null,
                null));
    ctx.emit("invoiceitem.created", item);
    return item;
  }

  InvoiceItem retrieve(Ctx ctx, String id) {
    return TABLE
        .find(ctx, id)
        .filter(i -> !i.deleted())
        .orElseThrow(() -> Errors.noSuch("invoiceitem", id, "invoiceitem"));
  }

  ApiObject delete(Ctx ctx, String id) {
    InvoiceItem item = retrieve(ctx, id);
    if (item.invoice() != null) {
      throw Errors.invalid(
          "invoice_not_editable", null, "This invoice item is already on an invoice.");
    }
    TABLE.set(ctx, id, Map.of("deleted", true));
    ctx.emit("invoiceitem.deleted", item);
    return ApiObject.of(() ->
        tally.core.Json.object().put("id", id).put("object", "invoiceitem").put("deleted", true));
  }

  record ListFilter(ListParams page, String customer, String invoice, Boolean pending) {
    static ListFilter decode(Params p) {
      return new ListFilter(
          ListParams.read(p), p.string("customer"), p.string("invoice"), p.bool("pending"));
    }
  }

  ListPage list(Ctx ctx, ListFilter f) {
    var q =
        new ListQuery<>(TABLE.name(), "invoiceitem", ctx.accountId(), TABLE.mapper())
            .where("deleted = :no", Map.of("no", false))
            .whereEquals("customer", f.customer())
            .whereEquals("invoice", f.invoice());
    if (Boolean.TRUE.equals(f.pending())) {
      q = q.where("invoice IS NULL", Map.of());
    }
    return q.page(ctx.db(), f.page(), "/v1/invoiceitems");
  }

  /**
   * A one-time price added to a new subscription's first invoice ({@code add_invoice_items}, or a
   * Checkout Session's one-time line items): pending until that invoice takes it.
   */
  public InvoiceItem addOneTime(
      Ctx ctx,
      String customer,
      String subscription,
      Price price,
      long quantity,
      String description) {
    InvoiceItem item =
        TABLE.insert(
            ctx,
            new InvoiceItem(
                Ids.newId("ii_"),
                ctx.now(),
                customer,
                (price.unitAmount() == null ? 0 : price.unitAmount()) * quantity,
                price.currency(),
                description,
                quantity,
                null,
                Map.of(),
                price.id(),
                price.product(),
                customers.testClockOf(ctx, customer),
                false,
                subscription,
                false,
                null,
                null));
    ctx.emit("invoiceitem.created", item);
    return item;
  }

  /** A proration of a subscription change, pending until the subscription's next invoice. */
  public InvoiceItem addProration(
      Ctx ctx,
      String customer,
      String subscription,
      String currency,
      long amount,
      String description,
      String price,
      String product,
      long periodStart,
      long periodEnd) {
    InvoiceItem item =
        TABLE.insert(
            ctx,
            new InvoiceItem(
                Ids.newId("ii_"),
                ctx.now(),
                customer,
                amount,
                currency,
                description,
                1,
                null,
                Map.of(),
                price,
                product,
                customers.testClockOf(ctx, customer),
                false,
                subscription,
                true,
                periodStart,
                periodEnd));
    ctx.emit("invoiceitem.created", item);
    return item;
  }

  /** The pending items as lines of an invoice being made; {@link #assign} them after. */
  public static List<Invoices.NewLine> lines(List<InvoiceItem> items) {
    return items.stream()
        .map(i ->
            new Invoices.NewLine(
                i.description(),
                i.amount() / Math.max(1, i.quantity()),
                i.quantity(),
                i.price(),
                i.product(),
                i.periodStart() == null ? i.created() : i.periodStart(),
                i.periodEnd() == null ? i.created() : i.periodEnd(),
                i.subscription(),
                null,
                i.id()))
        .toList();
  }

  /** The customer's pending items, as invoice lines (taken by the invoice being made). */
  public List<InvoiceItem> pending(Ctx ctx, String customer, String currency) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM invoice_items WHERE account_id = ? AND customer = ? AND invoice IS NULL"
                + " AND deleted = FALSE AND currency = ? ORDER BY seq")
        .bind(0, ctx.accountId())
        .bind(1, customer)
        .bind(2, currency)
        .map(TABLE.mapper())
        .list();
  }

  public void assign(Ctx ctx, String itemId, String invoice) {
    TABLE.set(ctx, itemId, Map.of("invoice", invoice));
  }
}
