package tally.invoices;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/** An invoice's status: a draft is finalized to open, which ends paid, void or uncollectible. */
enum InvoiceStatus implements State<InvoiceStatus> {
  DRAFT,
  OPEN,
  PAID,
  UNCOLLECTIBLE,
  VOID;

  @Override
  public Set<InvoiceStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(OPEN, PAID);
      case OPEN -> EnumSet.of(PAID, VOID, UNCOLLECTIBLE);
      // An uncollectible invoice may still be paid, or voided.
      case UNCOLLECTIBLE -> EnumSet.of(PAID, VOID);
      case PAID, VOID -> EnumSet.noneOf(InvoiceStatus.class);
    };
  }
}
