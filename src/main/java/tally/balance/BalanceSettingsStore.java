package tally.balance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.core.Json;

/** The account's balance settings (defaults until first updated). */
final class BalanceSettingsStore {
  static final int DEFAULT_DELAY_DAYS = 2;

  private BalanceSettingsStore() {}

  /** The object as Stripe renders it. */
  record Settings(ObjectNode json) implements ApiObject {
    @Override
    public ObjectNode toJson() {
      return json.deepCopy();
    }
  }

  static Settings load(Ctx ctx) {
    return ctx.db()
        .createQuery("SELECT settings FROM balance_settings WHERE account_id = ?")
        .bind(0, ctx.accountId())
        .mapTo(String.class)
        .findOne()
        .map(text -> new Settings((ObjectNode) Json.tree(text)))
        .orElseGet(() -> new Settings(defaults()));
  }

  static void save(Ctx ctx, Settings settings) {
    int updated =
        ctx.db()
            .createUpdate("UPDATE balance_settings SET settings = ? WHERE account_id = ?")
            .bind(0, Json.write(settings.json()))
            .bind(1, ctx.accountId())
            .execute();
    if (updated == 0) {
      ctx.db()
          .createUpdate("INSERT INTO balance_settings (account_id, settings) VALUES (?, ?)")
          .bind(0, ctx.accountId())
          .bind(1, Json.write(settings.json()))
          .execute();
    }
  }

  /** Days charge funds stay pending: the override if one is set, else the default. */
  static int delayDays(Ctx ctx) {
    var timing = load(ctx).json().path("payments").path("settlement_timing");
    return timing.has("delay_days_override")
        ? timing.get("delay_days_override").asInt()
        : timing.path("delay_days").asInt(DEFAULT_DELAY_DAYS);
  }

  static ObjectNode defaults() {
    ObjectNode n = Json.object();
    n.put("object", "balance_settings");
    ObjectNode payments = n.putObject("payments");
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
    return n;
  }
}
