package tally.balance;

import java.util.LinkedHashMap;
import java.util.Map;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Params;

/** The balance: its totals, the balance-transaction list, and funds announced as available. */
public final class Balances {
  private Balances() {}

  record ListFilter(ListParams page, String type, String source, String currency, String payout) {
    static ListFilter decode(Params p) {
      return new ListFilter(
          ListParams.read(p),
          p.string("type"),
          p.string("source"),
          p.string("currency"),
          p.string("payout"));
    }
  }

  /**
   * The clock-driven settlement: once funds of an account pass available_on, mark them announced
   * and emit one {@code balance.available} with the balance as it now is. {@code anyTransaction}
   * names the clock: the running one, or the test clock being advanced, whose funds alone settle.
   */
  public static boolean announceAvailable(Ctx ctx, String anyTransaction) {
    String testClock =
        ctx.db()
            .createQuery(
                "SELECT test_clock FROM balance_transactions WHERE account_id = ? AND id = ?")
            .bind(0, ctx.accountId())
            .bind(1, anyTransaction)
            .mapTo(String.class)
            .findOne()
            .orElse(null);
    var update =
        ctx.db()
            .createUpdate(
                "UPDATE balance_transactions SET announced = TRUE WHERE account_id = :account AND"
                    + " announced = FALSE AND available_on <= :now AND "
                    + (testClock == null ? "test_clock IS NULL" : "test_clock = :test_clock"))
            .bind("account", ctx.accountId())
            .bind("now", ctx.now());
    if (testClock != null) {
      update.bind("test_clock", testClock);
    }
    int settled = update.execute();
    if (settled > 0) {
      ctx.emit("balance.available", balance(ctx));
    }
    return settled > 0;
  }

  static BalanceSettingsStore.Settings updateSettings(Ctx ctx, BalanceSettingsUpdate u) {
    return BalanceSettingsStore.update(ctx, u);
  }

  static ListPage list(Ctx ctx, ListFilter f) {
    if (f.payout() != null) {
      throw Errors.noSuch("payout", f.payout(), "payout");
    }
    return new ListQuery<>(
            Ledger.TABLE, "balance transaction", ctx.accountId(), Ledger.mapper(ctx.now()))
        .whereEquals("type", f.type())
        .whereEquals("source", f.source())
        .whereEquals("currency", f.currency())
        .page(ctx.db(), f.page(), "/v1/balance_transactions");
  }

  private record Total(String currency, long available, long pending) {}

  static Balance balance(Ctx ctx) {
    Map<String, Long> available = new LinkedHashMap<>();
    Map<String, Long> pending = new LinkedHashMap<>();
    ctx.db()
        .createQuery(
            "SELECT currency, SUM(CASE WHEN "
                + Ledger.AVAILABLE
                + " THEN net ELSE 0 END) AS available, SUM(CASE WHEN "
                + Ledger.AVAILABLE
                + " THEN 0 ELSE net END) AS pending FROM balance_transactions WHERE account_id ="
                + " :account GROUP BY currency")
        .bind("now", ctx.now())
        .bind("account", ctx.accountId())
        .map((rs, c) ->
            new Total(rs.getString("currency"), rs.getLong("available"), rs.getLong("pending")))
        .forEach(t -> {
          available.put(t.currency(), t.available());
          pending.put(t.currency(), t.pending());
        });
    return new Balance(ctx.account().livemode(), available, pending);
  }
}
