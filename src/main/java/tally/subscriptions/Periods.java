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

  /** The end of the period that starts at {@code start}, counting from the cycle's anchor. */
  static long endAfter(long anchor, long start, String unit, long count) {
    for (long n = 1; ; n++) {
      long end = nth(anchor, unit, count, n);
      if (end > start) {
        return end;
      }
    }
  }
}
