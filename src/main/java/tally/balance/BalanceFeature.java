package tally.balance;

import tally.api.Errors;
import tally.api.Expander;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Balance, balance transactions and settings; funds become available on the clock. */
public final class BalanceFeature implements Feature {
  private final Ledger ledger = new Ledger();

  public Ledger ledger() {
    return ledger;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
    r.get(
        "/v1/balance_transactions/{id}",
        Decoder.none(),
        (ctx, p) ->
            ledger
                .find(ctx, ctx.path("id"))
                .orElseThrow(() -> Errors.noSuch("balance transaction", ctx.path("id"), "id")));
    r.get("/v1/balance_transactions", Balances.ListFilter::decode, Balances::list);
    r.get("/v1/balance", Decoder.none(), (ctx, p) -> Balances.balance(ctx));
    r.get("/v1/balance_settings", Decoder.none(), (ctx, p) -> BalanceSettingsStore.load(ctx));
    r.post("/v1/balance_settings", BalanceSettingsUpdate::decode, Balances::updateSettings);
    x.finder("txn_", (ctx, id) -> ledger.find(ctx, id).orElse(null));
    x.expandable("balance_transaction", "source");

    in.due(
        "SELECT account_id, MIN(id) FROM balance_transactions WHERE announced = FALSE AND"
            + " available_on <= :now AND <clock> GROUP BY account_id",
        Balances::announceAvailable);
    in.emits("balance.available", "balance_settings.updated");
  }
}
