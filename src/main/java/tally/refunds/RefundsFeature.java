package tally.refunds;

import tally.balance.Ledger;
import tally.charges.ChargesFeature;
import tally.feature.Feature;
import tally.feature.Installer;

/** Refunds on every path; releases of uncaptured amounts are recorded here as refunds. */
public final class RefundsFeature implements Feature {
  private final ChargesFeature charges;
  private final Refunds refunds;

  public RefundsFeature(ChargesFeature charges, Ledger ledger) {
    this.charges = charges;
    this.refunds = new Refunds(charges.charges(), ledger, new RefundRecords());
  }

  public Refunds refunds() {
    return refunds;
  }

  @Override
  public void install(Installer in) {
    RefundRoutes.register(in.routes(), in.expand(), refunds);
    charges.captures().onRelease(refunds::recordRelease);
    in.due("SELECT account_id, id FROM refunds WHERE due_at <= :now LIMIT 500", refunds::settle);
    in.emits("refund.created", "refund.updated", "refund.failed", "charge.refund.updated");
  }
}
