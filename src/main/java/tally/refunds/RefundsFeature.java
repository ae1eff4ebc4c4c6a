package tally.refunds;

import tally.api.Expander;
import tally.balance.Ledger;
import tally.charges.ChargesFeature;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Refunds on every path. A partial capture or an expiry creates none (API 2025-03-31.basil). */
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
    Router r = in.routes();
    Expander x = in.expand();
    r.post("/v1/refunds", RefundParams.Create::decode, refunds::createFromBody);
    r.get(
        "/v1/refunds",
        RefundParams.ListFilter::decode,
        (ctx, f) -> refunds.list(ctx, f, "/v1/refunds"));
    r.get(
        "/v1/refunds/{refund}",
        Decoder.none(),
        (ctx, p) -> refunds.retrieve(ctx, ctx.path("refund")));
    r.post(
        "/v1/refunds/{refund}",
        RefundParams.Update::decode,
        (ctx, p) -> refunds.update(ctx, refunds.retrieve(ctx, ctx.path("refund")), p));
    r.post(
        "/v1/refunds/{refund}/cancel",
        Decoder.none(),
        (ctx, p) -> refunds.cancel(ctx, ctx.path("refund")));

    r.post(
        "/v1/charges/{charge}/refunds",
        RefundParams.Create::decodeForCharge,
        (ctx, p) -> refunds.createForCharge(ctx, ctx.path("charge"), p));
    r.get(
        "/v1/charges/{charge}/refunds",
        RefundParams.ListFilter::decodeForCharge,
        (ctx, f) ->
            refunds.list(
                ctx,
                new RefundParams.ListFilter(f.page(), ctx.path("charge"), null),
                "/v1/charges/" + ctx.path("charge") + "/refunds"));
    r.get(
        "/v1/charges/{charge}/refunds/{refund}",
        Decoder.none(),
        (ctx, p) -> refunds.retrieveForCharge(ctx, ctx.path("charge"), ctx.path("refund")));
    r.post(
        "/v1/charges/{charge}/refunds/{refund}",
        RefundParams.Update::decode,
        (ctx, p) ->
            refunds.update(
                ctx, refunds.retrieveForCharge(ctx, ctx.path("charge"), ctx.path("refund")), p));
    r.post(
        "/v1/charges/{charge}/refund",
        RefundParams.Create::decodeForCharge,
        (ctx, p) -> refunds.refundAndReturnCharge(ctx, ctx.path("charge"), p));

    x.finder("re_", (ctx, id) -> refunds.retrieve(ctx, id));
    x.expandable(
        "refund",
        "balance_transaction",
        "charge",
        "customer",
        "failure_balance_transaction",
        "payment_intent",
        "payment_method",
        "source_transfer_reversal",
        "transfer_reversal");
    x.includable(
        "charge", "refunds", (ctx, owner) -> refunds.refundsOf(ctx, owner.path("id").asText()));

    in.due(
        "SELECT account_id, id FROM refunds WHERE due_at <= :now AND <clock> LIMIT 500",
        refunds::settle);
    in.emits("refund.created", "refund.updated", "refund.failed", "charge.refund.updated");
  }
}
