package tally.disputes;

import tally.api.Ctx;
import tally.api.Expander;
import tally.http.Decoder;
import tally.http.Router;

/**
 * The dispute endpoints. {@code /v1/disputes/{dispute}} and the legacy {@code
 * /v1/charges/{charge}/dispute} differ only in how they find the dispute; both path families share
 * one retrieve, update and close.
 */
public final class DisputeRoutes {
  private DisputeRoutes() {}

  /** How a path family finds the dispute it acts on. */
  @FunctionalInterface
  private interface Locator {
    Dispute locate(Ctx ctx);
  }

  public static void register(Router r, Expander x, Disputes disputes) {
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
    x.expandable("dispute", "charge", "payment_intent", "balance_transactions");
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
