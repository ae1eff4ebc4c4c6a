package tally.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tally.charges.ChargeTotals;
import tally.pages.Pages;

/**
 * The home page: volume, refunds, disputes and balance in the account's main currency, captured
 * volume per day for the last {@value #DAYS} days as an inline SVG bar chart, and recent events.
 */
final class HomeView {
  static final int DAYS = 14;
  private static final int WIDTH = 700;
  private static final int HEIGHT = 160;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d");

  private final ApiCalls api;

  HomeView(ApiCalls api) {
    this.api = api;
  }

  private record Sums(List<ChargeTotals.Totals> totals, List<ChargeTotals.Day> days, long today) {}

  String render(Visit visit) {
    Sums sums =
        api.read(
            visit.account(),
            ctx -> {
              List<ChargeTotals.Totals> totals = ChargeTotals.totals(ctx);
              String currency = totals.isEmpty() ? "usd" : totals.getFirst().currency();
              return new Sums(totals, ChargeTotals.daily(ctx, currency, DAYS), ctx.now() / 86_400);
            });
    ChargeTotals.Totals main =
        sums.totals().isEmpty()
            ? new ChargeTotals.Totals("usd", 0, 0, 0, 0)
            : sums.totals().getFirst();
    String cur = main.currency();
    ObjectNode balance = api.get(visit.account(), "/v1/balance", "");
    List<Views.Field> cards = new ArrayList<>();
    cards.add(card("Gross volume", Format.money(main.volume(), cur)));
    cards.add(card("Refunded", Format.money(main.refunded(), cur)));
    cards.add(card("Net volume", Format.money(main.volume() - main.refunded(), cur)));
    cards.add(
        card("Disputes", main.disputedCount() + " · " + Format.money(main.disputedAmount(), cur)));
    cards.add(
        card("Available balance", Format.money(amountIn(balance.path("available"), cur), cur)));
    cards.add(card("Pending balance", Format.money(amountIn(balance.path("pending"), cur), cur)));
    for (ChargeTotals.Totals other :
        sums.totals().subList(Math.min(1, sums.totals().size()), sums.totals().size())) {
      cards.add(
          card(
              "Volume " + other.currency().toUpperCase(java.util.Locale.ROOT),
              Format.money(other.volume(), other.currency())));
    }
    ObjectNode events = api.get(visit.account(), "/v1/events", "limit=10");
    List<JsonNode> rows = new ArrayList<>();
    events.path("data").forEach(rows::add);
    Map<String, Object> params = new HashMap<>();
    params.put("frame", visit.frame("Home", null, null));
    params.put("totals", cards);
    params.put(
        "chartTitle",
        "Gross volume per day, last "
            + DAYS
            + " days ("
            + cur.toUpperCase(java.util.Locale.ROOT)
            + ")");
    params.put("bars", bars(sums.days(), sums.today(), cur));
    params.put("recent", ListView.table(Resources.named("events").orElseThrow(), rows));
    return Pages.render("dashboard/home.jte", params);
  }

  private static Views.Field card(String name, String value) {
    return new Views.Field(name, Views.Cell.text(value));
  }

  private static long amountIn(JsonNode funds, String currency) {
    long sum = 0;
    for (JsonNode f : funds) {
      if (currency.equals(f.path("currency").asText())) {
        sum += f.path("amount").asLong();
      }
    }
    return sum;
  }

  /** One bar per day, oldest first; a day without volume is a zero-height bar. */
  static List<Views.Bar> bars(List<ChargeTotals.Day> days, long today, String currency) {
    Map<Long, Long> byDay = new HashMap<>();
    days.forEach(d -> byDay.put(d.day(), d.volume()));
    long max = Math.max(1, byDay.values().stream().mapToLong(Long::longValue).max().orElse(1));
    int slot = WIDTH / DAYS;
    List<Views.Bar> bars = new ArrayList<>();
    for (int i = 0; i < DAYS; i++) {
      long day = today - (DAYS - 1) + i;
      long volume = byDay.getOrDefault(day, 0L);
      int h = (int) Math.round((double) volume / max * (HEIGHT - 20));
      bars.add(
          new Views.Bar(
              i * slot + 4,
              HEIGHT - h,
              slot - 8,
              Math.max(h, volume > 0 ? 1 : 0),
              LocalDate.ofEpochDay(day).format(DAY),
              Format.money(volume, currency)));
    }
    return bars;
  }
}
