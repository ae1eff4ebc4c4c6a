package tally.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.Ctx;

/**
 * Aggregates a customer's meter events by the meter's formula: {@code sum}, {@code count} or {@code
 * last}; for meters with an {@code event_time_window} only the latest event per hour or day counts.
 * Cancelled events never count.
 */
final class Usage {
  private Usage() {}

  /** One accepted event: when it happened, its value (null if absent), its arrival order. */
  record Event(long time, BigDecimal value, long seq) {}

  static List<Event> events(Ctx ctx, Meter meter, String customer, long from, long until) {
    return select(ctx, meter, customer, "event_time >= :from AND event_time < :until")
        .bind("from", from)
        .bind("until", until)
        .map(Usage::event)
        .list();
  }

  /**
   * The customer's events received (not timestamped) at or after {@code since}: what an alert
   * created then watches, whatever clock the customer's usage is timestamped on.
   */
  static List<Event> receivedSince(Ctx ctx, Meter meter, String customer, long since) {
    return select(ctx, meter, customer, "created >= :since")
        .bind("since", since)
        .map(Usage::event)
        .list();
  }

  /** The customer's uncancelled events of the meter that also match {@code when}, in order. */
  private static org.jdbi.v3.core.statement.Query select(
      Ctx ctx, Meter meter, String customer, String when) {
    return ctx.db()
        .createQuery(
            "SELECT event_time, value_text, seq FROM meter_events WHERE account_id = :a AND"
                + " event_name = :e AND customer = :c AND "
                + when
                + " AND cancelled = FALSE ORDER BY event_time, seq")
        .bind("a", ctx.accountId())
        .bind("e", meter.eventName())
        .bind("c", customer);
  }

  private static Event event(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext c)
      throws java.sql.SQLException {
    return new Event(
        rs.getLong(1),
        rs.getString(2) == null ? null : new BigDecimal(rs.getString(2)),
        rs.getLong(3));
  }

  /** The aggregate of {@code events} (ordered by time, then arrival) for this meter. */
  static BigDecimal aggregate(Meter meter, List<Event> events) {
    List<Event> counted = meter.eventTimeWindow() == null ? events : latestPerWindow(meter, events);
    return switch (meter.formula()) {
      case "count" -> BigDecimal.valueOf(counted.size());
      case "last" ->
          counted.isEmpty() || counted.getLast().value() == null
              ? BigDecimal.ZERO
              : counted.getLast().value();
      default ->
          counted.stream()
              .map(Event::value)
              .filter(v -> v != null)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
    };
  }

  private static List<Event> latestPerWindow(Meter meter, List<Event> events) {
    long size = "hour".equals(meter.eventTimeWindow()) ? 3600 : 86_400;
    Map<Long, Event> latest = new LinkedHashMap<>();
    for (Event e : events) {
      latest.put(Math.floorDiv(e.time(), size), e); // later events replace earlier ones
    }
    return new ArrayList<>(latest.values());
  }
}
