package tally.invoices;

import tally.api.Ctx;

/** What the owner of an invoice's parent (a subscription) hears about it. */
public interface InvoiceListener {
  /** The invoice was paid (or finalized at zero). */
  default void paid(Ctx ctx, Invoice invoice) {}

  /** A payment attempt failed; {@code exhausted} when no retry is left. */
  default void paymentFailed(Ctx ctx, Invoice invoice, boolean exhausted) {}

  /**
   * Just before a draft is finalized (the end of its grace period): lines whose quantity comes from
   * usage, read again now, so late usage and cancelled events count as they stand.
   */
  default java.util.List<Invoices.Repriced> reprice(Ctx ctx, Invoice draft) {
    return java.util.List.of();
  }

  /**
   * At finalization, after repricing: what prepaid billing credits pay of the invoice's lines. The
   * payer records its own debits and names them in each {@link Invoices.LineCredit}.
   */
  default java.util.List<Invoices.LineCredit> payWithCredits(Ctx ctx, Invoice invoice) {
    return java.util.List.of();
  }

  /**
   * What credits would pay of a previewed invoice ({@code create_preview}), spending nothing: each
   * {@link Invoices.LineCredit} without a balance transaction.
   */
  default java.util.List<Invoices.LineCredit> previewCredits(Ctx ctx, Invoice invoice) {
    return java.util.List.of();
  }

  /** The invoice, sent to the customer, is past its due date unpaid. */
  default void overdue(Ctx ctx, Invoice invoice) {}

  /** The invoice was voided or marked uncollectible. */
  default void closed(Ctx ctx, Invoice invoice) {}

  /**
   * The next invoice of the customer's subscription ({@code subscription}, or any one that renews
   * when null) for {@code create_preview}; empty when there is none.
   */
  default java.util.Optional<Invoices.NewInvoice> upcoming(
      Ctx ctx, String customer, String subscription) {
    return java.util.Optional.empty();
  }
}
