package tally.charges;

import java.util.List;
import tally.store.Scope;

/**
 * The sums a dashboard home shows, per currency: captured volume, refunded amount, disputed charges
 * and the captured volume of each of the last days. One aggregate query each over the account's
 * charges (not a page-by-page walk of the list API).
 */
public final class ChargeTotals {
  private ChargeTotals() {}

  /** All-time totals in one currency. */
  public record Totals(
      String currency, long volume, long refunded, long disputedCount, long disputedAmount) {}

  /** Captured volume of one day ({@code day}: Unix day number, seconds / 86400). */
  public record Day(long day, long volume) {}

  public static List<Totals> totals(Scope s) {
    return s.db()
        .createQuery(
            "SELECT currency, SUM(amount_captured), SUM(amount_refunded), SUM(CASE WHEN disputed"
                + " THEN 1 ELSE 0 END), SUM(CASE WHEN disputed THEN amount ELSE 0 END) FROM"
                + " charges WHERE account_id = ? GROUP BY currency ORDER BY SUM(amount_captured)"
                + " DESC")
        .bind(0, s.accountId())
        .map((rs, c) ->
            new Totals(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
        .list();
  }

  /** Captured volume per day in {@code currency} over the {@code days} days up to today. */
  public static List<Day> daily(Scope s, String currency, int days) {
    long today = s.now() / 86_400;
    return s.db()
        .createQuery(
            "SELECT created / 86400 AS d, SUM(amount_captured) FROM charges WHERE account_id = ?"
                + " AND currency = ? AND created >= ? GROUP BY created / 86400 ORDER BY d")
        .bind(0, s.accountId())
        .bind(1, currency)
        .bind(2, (today - days + 1) * 86_400)
        .map((rs, c) -> new Day(rs.getLong(1), rs.getLong(2)))
        .list();
  }
}
