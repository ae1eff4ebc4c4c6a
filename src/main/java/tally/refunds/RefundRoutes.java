package tally.refunds;

import tally.api.Expander;
import tally.http.Decoder;
import tally.http.Router;

/** Both refund path families, and the legacy charge refund, over one implementation. */
public final class RefundRoutes {
  private RefundRoutes() {}

  public static void register(Router r, Expander x, Refunds refunds) {
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
        "failure_balance_transaction",
        "payment_intent",
        "source_transfer_reversal",
        "transfer_reversal");
    x.includable(
        "charge", "refunds", (ctx, owner) -> refunds.refundsOf(ctx, owner.path("id").asText()));
  }
}
