package tally.balance;

import tally.feature.Feature;
import tally.feature.Installer;

/** Balance, balance transactions and settings; funds become available on the clock. */
public final class BalanceFeature implements Feature {
  private final Ledger ledger = new Ledger();

  public Ledger ledger() {
    return ledger;
  }

  @Override
  public void install(Installer in) {
    BalanceRoutes.register(in.routes(), in.expand(), ledger);
    in.due(
        "SELECT account_id, MIN(id) FROM balance_transactions WHERE announced = FALSE AND"
            + " available_on <= :now GROUP BY account_id",
        BalanceRoutes::announceAvailable);
    in.emits("balance.available", "balance_settings.updated");
  }
}
