package tally.charges;

import tally.api.Expander;
import tally.balance.Ledger;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Charges, captures and the seven-day expiry of uncaptured authorizations. */
public final class ChargesFeature implements Feature {
  private final Charges charges;
  private final Captures captures;

  public ChargesFeature(Ledger ledger, CustomerCards customers) {
    this.charges = new Charges(ledger, customers);
    this.captures = new Captures(charges, ledger);
  }

  public Charges charges() {
    return charges;
  }

  public Captures captures() {
    return captures;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
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
        "outcome.rule",
        "payment_method_details.bancontact.generated_sepa_debit",
        "payment_method_details.bancontact.generated_sepa_debit_mandate",
        "payment_method_details.ideal.generated_sepa_debit",
        "payment_method_details.ideal.generated_sepa_debit_mandate",
        "payment_method_details.sofort.generated_sepa_debit",
        "payment_method_details.sofort.generated_sepa_debit_mandate",
        "payment_method_details.us_bank_account.mandate",
        "review",
        "source_transfer",
        "transfer",
        "transfer_data.destination",
        "outcome.rule");

    in.due(
        "SELECT account_id, id FROM charges WHERE captured = FALSE AND refunded = FALSE AND"
            + " expired = FALSE AND status = 'succeeded' AND capture_before <= :now AND <clock>"
            + " LIMIT 500",
        captures::expire);
    in.emits(
        "charge.succeeded",
        "charge.failed",
        "charge.captured",
        "charge.updated",
        "charge.expired",
        "charge.refunded");
  }
}
