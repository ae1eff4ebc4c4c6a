package tally.invoices;

import tally.api.Ctx;

/** What the owner of an invoice's parent (a subscription) hears about it. */
public interface InvoiceListener {
  /** The invoice was paid (or finalized at zero). */
  default void paid(Ctx ctx, Invoice invoice) {}

  /** A payment attempt failed; {@code exhausted} when no retry is left. */
  default void paymentFailed(Ctx ctx, Invoice invoice, boolean exhausted) {}

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
