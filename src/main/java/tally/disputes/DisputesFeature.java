package tally.disputes;

import tally.api.Ctx;
import tally.api.Expander;
import tally.balance.Ledger;
import tally.charges.ChargesFeature;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;
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
    Router r = in.routes();
    Expander x = in.expand();
    r.get("/v1/disputes", DisputeParams.ListFilter::decode, disputes::list);
    family(
        r, "/v1/disputes/{dispute}", disputes, ctx -> disputes.retrieve(ctx, ctx.path("dispute")));
    family(
        r,
        "/v1/charges/{charge}/dispute",
        disputes,
        ctx -> disputes.forCharge(ctx, ctx.path("charge")));

    x.finder("du_", (ctx, id) -> disputes.find(ctx, id).orElse(null));
    // balance_transactions are always full objects; asking to expand them is harmless.
    x.expandable(
        "dispute",
        "balance_transactions",
        "charge",
        "payment_intent",
        "evidence.cancellation_policy",
        "evidence.customer_communication",
        "evidence.customer_signature",
        "evidence.duplicate_charge_documentation",
        "evidence.receipt",
        "evidence.refund_policy",
        "evidence.service_documentation",
        "evidence.shipping_documentation",
        "evidence.uncategorized_file");

    charges.charges().onCapture(disputes::open);
    refunds.addGuard((ctx, charge) -> disputes.refuseRefundIfDisputed(ctx, charge.id()));
    in.due(
        "SELECT account_id, id FROM disputes WHERE resolve_at <= :now AND <clock> LIMIT 500",
        disputes::resolve);
    in.emits(
        "charge.dispute.created",
        "charge.dispute.updated",
        "charge.dispute.closed",
        "charge.dispute.funds_withdrawn",
        "charge.dispute.funds_reinstated");
  }

  /** How a path family finds the dispute it acts on. */
  @FunctionalInterface
  private interface Locator {
    Dispute locate(Ctx ctx);
  }

  private static void family(Router r, String path, Disputes disputes, Locator locator) {
    r.get(path, Decoder.none(), (ctx, p) -> locator.locate(ctx));
    r.post(
        path,
        DisputeParams.Update::decode,
        (ctx, p) -> disputes.update(ctx, locator.locate(ctx), p));
    r.post(path + "/close", Decoder.none(), (ctx, p) -> disputes.close(ctx, locator.locate(ctx)));
  }
}
