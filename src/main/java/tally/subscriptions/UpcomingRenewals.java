package tally.subscriptions;

import tally.api.Ctx;
import tally.invoices.InvoicesFeature;

/**
 * {@code invoice.upcoming}: some days before a subscription that charges automatically renews
 * (Stripe's Dashboard setting "upcoming renewal events"; Tally uses 7 days), the invoice the
 * renewal will make, as {@code create_preview} shows it (with an {@code upcoming_in_} id: the
 * version we render requires one, where older ones sent none). Sent once per period, at its time on
 * the clock, and only when that time falls inside the current period (a shorter period, or a
 * shorter trial, gets none).
 */
final class UpcomingRenewals {
  static final long NOTICE_SECONDS = 7 * 86_400;

  /** Subscriptions whose next renewal is due to be announced at {@code :now}. */
  static final String DUE =
      "SELECT account_id, id FROM subscriptions WHERE status IN ('active', 'trialing', 'past_due',"
          + " 'unpaid') AND cancel_at_period_end = FALSE AND collection_method ="
          + " 'charge_automatically' AND pause_behavior IS NULL AND current_period_end - "
          + NOTICE_SECONDS
          + " <= :now AND current_period_end - "
          + NOTICE_SECONDS
          + " > current_period_start AND (upcoming_noticed_for IS NULL OR upcoming_noticed_for <>"
          + " current_period_end) AND <clock> LIMIT 500";

  private final InvoicesFeature invoices;

  UpcomingRenewals(InvoicesFeature invoices) {
    this.invoices = invoices;
  }

  /** Announces the subscription's next renewal, once: the guarded update claims the period. */
  boolean announce(Ctx ctx, String id) {
    return ctx.db()
        .createQuery(
            "UPDATE subscriptions SET upcoming_noticed_for = current_period_end WHERE account_id ="
                + " ? AND id = ? AND (upcoming_noticed_for IS NULL OR upcoming_noticed_for <>"
                + " current_period_end) AND current_period_end - ? <= ? RETURNING *")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .bind(2, NOTICE_SECONDS)
        .bind(3, ctx.now())
        .map(Subscriptions.TABLE.mapper())
        .findOne()
        .map(sub -> {
          Ctx at = ctx.at(sub.currentPeriodEnd() - NOTICE_SECONDS);
          invoices
              .upcoming(at, sub.customer(), sub.id())
              .ifPresent(preview -> at.emit("invoice.upcoming", preview));
          return true;
        })
        .orElse(false);
  }
}
