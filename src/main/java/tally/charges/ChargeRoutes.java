package tally.charges;

import tally.api.Expander;
import tally.http.Decoder;
import tally.http.Router;

/** The charge endpoints, and which charge fields {@code expand[]} may replace. */
public final class ChargeRoutes {
  private ChargeRoutes() {}

  public static void register(Router r, Expander x, Charges charges, Captures captures) {
    r.post("/v1/charges", ChargeParams.Create::decode, charges::create);
    r.get("/v1/charges", ChargeParams.ListFilter::decode, charges::list);
    var search = ChargeSearch.engine();
    r.get(
        "/v1/charges/search",
        tally.search.Search.Request::decode,
        (ctx, q) -> search.run(ctx, q, "/v1/charges/search"));
    r.get(
        "/v1/charges/{charge}",
        Decoder.none(),
        (ctx, p) -> charges.retrieve(ctx, ctx.path("charge")));
    r.post(
        "/v1/charges/{charge}",
        ChargeParams.Update::decode,
        (ctx, p) -> charges.update(ctx, ctx.path("charge"), p));
    r.post(
        "/v1/charges/{charge}/capture",
        ChargeParams.Capture::decode,
        (ctx, p) -> captures.capture(ctx, ctx.path("charge"), p));

    x.finder("ch_", (ctx, id) -> charges.find(ctx, id).orElse(null));
    x.expandable(
        "charge",
        "application",
        "application_fee",
        "balance_transaction",
        "customer",
        "failure_balance_transaction",
        "on_behalf_of",
        "payment_intent",
        "review",
        "source_transfer",
        "transfer",
        "transfer_data.destination",
        "outcome.rule");
  }
}
