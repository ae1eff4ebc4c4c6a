package tally.subscriptions;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Billing period arithmetic in UTC calendar terms, as Stripe bills (Jan 31 → Feb 28 → Mar 31). */
final class Periods {
  private Periods() {}

  /** The end of the {@code n}-th period after {@code anchor} ({@code n} ≥ 1). */
  static long nth(long anchor, String unit, long count, long n) {
    ZonedDateTime start = Instant.ofEpochSecond(anchor).atZone(ZoneOffset.UTC);
    long steps = count * n;
    ZonedDateTime end =
        switch (unit) {
          case "day" -> start.plusDays(steps);
          case "week" -> start.plusWeeks(steps);
          case "month" -> start.plusMonths(steps);
          case "year" -> start.plusYears(steps);
          default -> throw new IllegalArgumentException("interval " + unit);
        };
    return end.toEpochSecond();
  }

  /**
   * The end of the period that starts at {@code start}, counting from the cycle's anchor: the
   * anchor itself while it is still ahead (the first, shorter period).
   */
  static long endAfter(long anchor, long start, String unit, long count) {
    if (anchor > start) {
      return anchor;
    }
    for (long n = 1; ; n++) {
      long end = nth(anchor, unit, count, n);
      if (end > start) {
        return end;
      }
    }
  }

  /**
   * The anchor a {@code billing_cycle_anchor_config} names: the first instant after {@code now} on
   * that day of the month (the month's last day when it is shorter), that month for yearly cycles,
   * at that time of day (unset parts: {@code now}'s).
   */
  static long anchorFrom(long now, String unit, Subscription.AnchorConfig c) {
    ZonedDateTime from = Instant.ofEpochSecond(now).atZone(ZoneOffset.UTC);
    for (int step = 0; ; step++) {
      ZonedDateTime base =
          "year".equals(unit)
              ? from.withDayOfMonth(1)
                  .plusYears(step)
                  .withMonth(c.month() != null ? c.month().intValue() : from.getMonthValue())
              : from.withDayOfMonth(1).plusMonths(step);
      ZonedDateTime at =
          base.withDayOfMonth((int) Math.min(c.dayOfMonth(), base.toLocalDate().lengthOfMonth()))
              .withHour(c.hour() != null ? c.hour().intValue() : from.getHour())
              .withMinute(c.minute() != null ? c.minute().intValue() : from.getMinute())
              .withSecond(c.second() != null ? c.second().intValue() : from.getSecond());
      if (at.toEpochSecond() > now) {
        return at.toEpochSecond();
      }
    }
  }
}
