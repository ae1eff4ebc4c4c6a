package tally.balance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.api.Changes;
import tally.api.Ctx;
import tally.core.ApiResource;
import tally.core.Json;
import tally.store.Sql;

/**
 * The account's balance settings (defaults until first updated): one row per account holding the
 * object as rendered.
 */
final class BalanceSettingsStore {
  static final int DEFAULT_DELAY_DAYS = 2;

  private BalanceSettingsStore() {}

  /** The object as Stripe renders it. */
  @ApiResource("balance_settings")
  record Settings(ObjectNode payments) implements ApiObject {}

  static Settings load(Ctx ctx) {
    return read(ctx, "").orElseGet(() -> new Settings(defaultPayments()));
  }

  private static java.util.Optional<Settings> read(Ctx ctx, String suffix) {
    return stored(ctx, suffix)
        .map(text -> new Settings((ObjectNode) Json.tree(text).get("payments")));
  }

  private static java.util.Optional<String> stored(Ctx ctx, String suffix) {
    return Sql.one(
        ctx.db(),
        "SELECT settings FROM balance_settings WHERE account_id = ? " + suffix,
        rs -> rs.getString(1),
        ctx.accountId());
  }

  /**
   * Applies {@code u} under the row lock (the row is made first if the account has none, so two
   * first updates cannot both start from the defaults) and announces what changed.
   */
  static Settings update(Ctx ctx, BalanceSettingsUpdate u) {
    ctx.db()
        .createUpdate(
            "INSERT INTO balance_settings (account_id, settings) VALUES (?, ?) ON CONFLICT"
                + " (account_id) DO NOTHING")
        .bind(0, ctx.accountId())
        .bind(1, Json.write(new Settings(defaultPayments()).toJson()))
        .execute();
    Settings before = read(ctx, "<forUpdate>").orElseThrow();
    Settings after = new Settings(u.applyTo(before.payments()));
    ctx.db()
        .createUpdate("UPDATE balance_settings SET settings = ? WHERE account_id = ?")
        .bind(0, Json.write(after.toJson()))
        .bind(1, ctx.accountId())
        .execute();
    ctx.emitUpdate("balance_settings.updated", after, Changes.previous(before, after));
    return after;
  }

  /** Days charge funds stay pending: the override if one is set, else the default. */
  static int delayDays(Ctx ctx) {
    // Every charge asks: parse each stored text once (an account's settings change rarely).
    return stored(ctx, "").map(DELAYS::get).orElse(DEFAULT_DELAY_DAYS);
  }

  private static final tally.core.SmallCache<String, Integer> DELAYS =
      new tally.core.SmallCache<>(256, BalanceSettingsStore::delayDays);

  private static int delayDays(String stored) {
    var timing = Json.tree(stored).path("payments").path("settlement_timing");
    return timing.has("delay_days_override")
        ? timing.get("delay_days_override").asInt()
        : timing.path("delay_days").asInt(DEFAULT_DELAY_DAYS);
  }

  static ObjectNode defaultPayments() {
    ObjectNode payments = Json.object();
    payments.put("debit_negative_balances", true);
    ObjectNode payouts = payments.putObject("payouts");
    payouts.putNull("automatic_transfer_rules_by_currency");
    payouts.putNull("minimum_balance_by_currency");
    payouts.putObject("schedule").put("interval", "daily");
    payouts.putNull("statement_descriptor");
    payouts.put("status", "enabled");
    ObjectNode timing = payments.putObject("settlement_timing");
    timing.put("delay_days", DEFAULT_DELAY_DAYS);
    timing.putNull("start_of_day");
    return payments;
  }
}
