package tally.balance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.Errors;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Json;
import tally.core.Money;

/** {@code POST /v1/balance_settings}: every field optional; empty values reset. */
record BalanceSettingsUpdate(
    Boolean debitNegativeBalances,
    String interval,
    List<Long> monthlyDays,
    List<String> weeklyDays,
    Patch<String> statementDescriptor,
    boolean clearMinimums,
    Map<String, Long> minimums,
    Patch<Long> delayDaysOverride,
    Patch<Map<String, Object>> startOfDay) {

  static final List<String> WEEKDAYS =
      List.of("friday", "monday", "thursday", "tuesday", "wednesday");
  static final String PREFIX = "payments[payouts][schedule]";

  static BalanceSettingsUpdate decode(Params p) {
    Params payments = p.hash("payments");
    if (payments == null) {
      return new BalanceSettingsUpdate(
          null, null, null, null, Patch.absent(), false, Map.of(), Patch.absent(), Patch.absent());
    }
    Boolean debit = payments.bool("debit_negative_balances");
    String interval = null;
    List<Long> monthly = null;
    List<String> weekly = null;
    Patch<String> descriptor = Patch.absent();
    boolean clearMinimums = false;
    Map<String, Long> minimums = new LinkedHashMap<>();
    Params payouts = payments.hash("payouts");
    if (payouts != null) {
      Params schedule = payouts.hash("schedule");
      if (schedule != null) {
        interval = schedule.oneOf("interval", List.of("daily", "manual", "monthly", "weekly"));
        monthly = days(schedule);
        weekly = schedule.stringList("weekly_payout_days");
        if (weekly != null && !WEEKDAYS.containsAll(weekly)) {
          p.fail(
              Errors.mustBeOneOf(
                  PREFIX + "[weekly_payout_days][]",
                  List.of("monday", "tuesday", "wednesday", "thursday", "friday")));
        }
        checkDaysMatchInterval(p, interval, monthly, weekly);
      }
      descriptor = payouts.stringPatch("statement_descriptor");
      if (descriptor instanceof Patch.Set<String> set && set.value().length() > 22) {
        p.fail(
            Errors.invalid(
                "payments[payouts][statement_descriptor]",
                "The statement descriptor must be at most 22 characters long."));
      }
      clearMinimums = payouts.isEmpty("minimum_balance_by_currency");
      Object raw = payouts.raw("minimum_balance_by_currency");
      if (raw instanceof Map<?, ?> map) {
        map.forEach((currency, amount) ->
            minimums.put((String) currency, minimum(p, (String) currency, amount)));
      }
      payouts.raw("automatic_transfer_rules_by_currency");
    }
    Patch<Long> override = Patch.absent();
    Patch<Map<String, Object>> startOfDay = Patch.absent();
    Params timing = payments.hash("settlement_timing");
    if (timing != null) {
      if (timing.isEmpty("delay_days_override")) {
        timing.raw("delay_days_override");
        override = new Patch.Clear<>();
      } else {
        Long days = timing.integer("delay_days_override");
        if (days != null && (days < BalanceSettingsStore.DEFAULT_DELAY_DAYS || days > 31)) {
          p.fail(
              Errors.invalid(
                  "payments[settlement_timing][delay_days_override]",
                  "delay_days_override must be between "
                      + BalanceSettingsStore.DEFAULT_DELAY_DAYS
                      + " and 31."));
        } else if (days != null) {
          override = new Patch.Set<>(days);
        }
      }
      startOfDay = startOfDay(timing);
    }
    return new BalanceSettingsUpdate(
        debit,
        interval,
        monthly,
        weekly,
        descriptor,
        clearMinimums,
        minimums,
        override,
        startOfDay);
  }

  private static List<Long> days(Params schedule) {
    List<String> raw = schedule.stringList("monthly_payout_days");
    if (raw == null) {
      return null;
    }
    List<Long> days = new ArrayList<>();
    for (String d : raw) {
      try {
        long day = Long.parseLong(d);
        if (day < 1 || day > 31) {
          throw new NumberFormatException(d);
        }
        days.add(day);
      } catch (NumberFormatException e) {
        schedule.fail(
            Errors.invalid(
                PREFIX + "[monthly_payout_days]",
                "Invalid " + PREFIX + "[monthly_payout_days]: each day must be between 1 and 31"));
        return null;
      }
    }
    return days;
  }

  private static void checkDaysMatchInterval(
      Params p, String interval, List<Long> monthly, List<String> weekly) {
    if ("monthly".equals(interval) && monthly == null) {
      p.fail(Errors.missing(PREFIX + "[monthly_payout_days]"));
    } else if ("weekly".equals(interval) && weekly == null) {
      p.fail(Errors.missing(PREFIX + "[weekly_payout_days]"));
    } else if (monthly != null && !"monthly".equals(interval)) {
      p.fail(
          Errors.invalid(
              PREFIX + "[monthly_payout_days]",
              "monthly_payout_days can only be set when the interval is monthly."));
    } else if (weekly != null && !"weekly".equals(interval)) {
      p.fail(
          Errors.invalid(
              PREFIX + "[weekly_payout_days]",
              "weekly_payout_days can only be set when the interval is weekly."));
    }
  }

  private static Long minimum(Params p, String currency, Object amount) {
    String param = "payments[payouts][minimum_balance_by_currency][" + currency + "]";
    if (!Money.isSupported(currency)) {
      p.fail(Errors.invalid(param, "Invalid currency: " + currency));
      return null;
    }
    if ("".equals(amount)) {
      return null;
    }
    try {
      return Long.parseLong((String) amount);
    } catch (NumberFormatException | ClassCastException e) {
      p.fail(Errors.invalid("parameter_invalid_integer", param, "Invalid integer: " + amount));
      return null;
    }
  }

  private static Patch<Map<String, Object>> startOfDay(Params timing) {
    if (timing.isEmpty("start_of_day")) {
      timing.raw("start_of_day");
      return new Patch.Clear<>();
    }
    Params s = timing.hash("start_of_day");
    if (s == null) {
      return Patch.absent();
    }
    Long hour = s.integer("hour");
    Long minutes = s.integer("minutes");
    String timezone = s.requiredString("timezone");
    if (hour != null && (hour < 0 || hour > 23)) {
      s.fail(Errors.invalid(s.path("hour"), "hour must be between 0 and 23."));
    }
    if (minutes != null && minutes != 0 && minutes != 30) {
      s.fail(Errors.invalid(s.path("minutes"), "minutes must be 0 or 30."));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hour", hour == null ? 0 : hour);
    out.put("minutes", minutes == null ? 0 : minutes);
    out.put("timezone", timezone);
    return new Patch.Set<>(out);
  }

  /** The settings' {@code payments} after this update. */
  ObjectNode applyTo(ObjectNode current) {
    ObjectNode payments = current.deepCopy();
    if (debitNegativeBalances != null) {
      payments.put("debit_negative_balances", debitNegativeBalances);
    }
    ObjectNode payouts = (ObjectNode) payments.get("payouts");
    if (interval != null) {
      ObjectNode schedule = Json.object().put("interval", interval);
      if (monthlyDays != null) {
        schedule.set("monthly_payout_days", Json.MAPPER.valueToTree(monthlyDays));
      }
      if (weeklyDays != null) {
        schedule.set("weekly_payout_days", Json.MAPPER.valueToTree(weeklyDays));
      }
      payouts.set("schedule", schedule);
    }
    payouts.put(
        "statement_descriptor",
        statementDescriptor.applyTo(payouts.path("statement_descriptor").textValue()));
    if (clearMinimums) {
      payouts.putNull("minimum_balance_by_currency");
    } else if (!minimums.isEmpty()) {
      ObjectNode map =
          payouts.get("minimum_balance_by_currency") instanceof ObjectNode existing
              ? existing
              : Json.object();
      minimums.forEach((currency, amount) -> {
        if (amount == null) {
          map.remove(currency);
        } else {
          map.put(currency, amount);
        }
      });
      payouts.set("minimum_balance_by_currency", map);
    }
    ObjectNode timing = (ObjectNode) payments.get("settlement_timing");
    switch (delayDaysOverride) {
      case Patch.Set<Long> set -> timing.put("delay_days_override", set.value());
      case Patch.Clear<Long> clear -> timing.remove("delay_days_override");
      case Patch.Absent<Long> absent -> {}
    }
    switch (startOfDay) {
      case Patch.Set<Map<String, Object>> set ->
          timing.set("start_of_day", Json.MAPPER.valueToTree(set.value()));
      case Patch.Clear<Map<String, Object>> clear -> timing.putNull("start_of_day");
      case Patch.Absent<Map<String, Object>> absent -> {}
    }
    return payments;
  }
}
