package tally.invoices;

import java.util.List;
import tally.api.Ctx;

/** A customer's invoices as the customer portal lists them: finalized ones, newest first. */
public final class InvoiceHistory {
  private final Invoices invoices;

  InvoiceHistory(Invoices invoices) {
    this.invoices = invoices;
  }

  /** One invoice of the history, with the links to its hosted page and PDF. */
  public record Entry(
      String id,
      String number,
      String status,
      long total,
      long amountRemaining,
      String currency,
      long created,
      String hostedInvoiceUrl,
      String invoicePdf) {}

  public List<Entry> of(Ctx ctx, String customer, int limit) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM invoices WHERE account_id = ? AND customer = ? AND status <> 'draft'"
                + " ORDER BY created DESC, id DESC LIMIT ?")
        .bind(0, ctx.accountId())
        .bind(1, customer)
        .bind(2, limit)
        .map(Invoices.TABLE.mapper())
        .map(invoices::seen)
        .map(i ->
            new Entry(
                i.id(),
                i.number(),
                i.status().wire(),
                i.total(),
                i.amountRemaining(),
                i.currency(),
                i.created(),
                i.hostedInvoiceUrl(),
                i.invoicePdf()))
        .list();
  }
}
