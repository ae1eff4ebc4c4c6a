package tally.disputes;

import tally.balance.Ledger;
import tally.charges.ChargesFeature;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.refunds.Refunds;

/** Disputes opened by the dispute test cards, their evidence, verdicts and funds. */
public final class DisputesFeature implements Feature {
  private final ChargesFeature charges;
  private final Refunds refunds;
  private final Disputes disputes;

  public DisputesFeature(ChargesFeature charges, Refunds refunds, Ledger ledger) {
    this.charges = charges;
    this.refunds = refunds;
    this.disputes = new Disputes(charges.charges(), ledger);
  }

  @Override
  public void install(Installer in) {
    DisputeRoutes.register(in.routes(), in.expand(), disputes);
    charges.charges().onCapture(disputes::open);
    refunds.addGuard((ctx, charge) -> disputes.refuseRefundIfDisputed(ctx, charge.id()));
    in.due(
        "SELECT account_id, id FROM disputes WHERE resolve_at <= :now LIMIT 500",
        disputes::resolve);
    in.emits(
        "charge.dispute.created",
        "charge.dispute.updated",
        "charge.dispute.closed",
        "charge.dispute.funds_withdrawn",
        "charge.dispute.funds_reinstated");
  }
}
