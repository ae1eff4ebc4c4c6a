package tally.dashboard;

import java.util.ArrayList;
import java.util.List;
import tally.billing.Meters;

/** A meter's page shows its usage per customer over the last 30 days, by the meter's formula. */
final class MeterUsage {
  static final long WINDOW_SECONDS = 30 * 86_400L;

  private MeterUsage() {}

  static Views.Section section(ApiCalls api, Meters meters, Visit visit, String meterId) {
    List<Meters.CustomerUsage> usage =
        api.read(
            visit.account(),
            ctx -> meters.usage(ctx, meterId, ctx.now() - WINDOW_SECONDS, ctx.now() + 1, 50));
    List<List<Views.Cell>> rows = new ArrayList<>();
    for (Meters.CustomerUsage u : usage) {
      rows.add(
          List.of(
              Format.id(u.customer()),
              Views.Cell.text(u.value()),
              Views.Cell.text(Integer.toString(u.events()))));
    }
    return new Views.Section(
        "meter-usage",
        "Usage, last 30 days",
        new Views.Table(List.of("Customer", "Usage", "Events"), rows));
  }
}
