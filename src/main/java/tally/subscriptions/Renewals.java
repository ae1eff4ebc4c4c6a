package tally.subscriptions;

import java.util.LinkedHashMap;
import java.util.Map;
import tally.api.Ctx;
import tally.invoices.Invoices;

/**
 * What the clock does to subscriptions: trial warnings, renewals at each period end, and the expiry
 * of incomplete subscriptions whose first invoice went unpaid for 23 hours.
 */
final class Renewals {
  static final long TRIAL_WARNING_SECONDS = 3 * 86_400;

  /** How long a first invoice may stay unpaid before its subscription expires (Stripe: 23 h). */
  static final long INCOMPLETE_EXPIRES_AFTER = 23 * 3600;

  private final Subscriptions subscriptions;
  private final Invoices invoices;

  Renewals(Subscriptions subscriptions, Invoices invoices) {
    this.subscriptions = subscriptions;
    this.invoices = invoices;
  }

  /** The clock reached the period end: cancel if asked, else start the next period and bill it. */
  boolean renewDue(Ctx ctx, String id) {
    Subscription sub = Subscriptions.TABLE.findForUpdate(ctx, id).orElseThrow();
    if (!sub.status().renews() || sub.currentPeriodEnd() > ctx.now()) {
      return false;
    }
    Ctx at = ctx.at(sub.currentPeriodEnd());
    if (sub.cancelAtPeriodEnd()) {
      subscriptions.end(at, sub, "cancellation_requested");
      return true;
    }
    long start = sub.currentPeriodEnd();
    long end =
        Periods.endAfter(sub.billingCycleAnchor(), start, sub.intervalUnit(), sub.intervalCount());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("current_period_start", start);
    set.put("current_period_end", end);
    Subscription renewed =
        sub.status() == SubscriptionStatus.TRIALING
            ? subscriptions.move(at, sub, SubscriptionStatus.ACTIVE, set)
            : subscriptions.announce(at, sub, set);
    subscriptions.bill(at, renewed, "subscription_cycle", false);
    return true;
  }

  /** Three days before a trial ends: {@code customer.subscription.trial_will_end}, once. */
  boolean warnTrialEnd(Ctx ctx, String id) {
    return Subscriptions.TABLE
        .setWhere(
            ctx,
            id,
            Map.of("trial_warned", false, "status", SubscriptionStatus.TRIALING),
            Map.of("trial_warned", true))
        .map(sub -> {
          ctx.at(sub.trialEnd() - TRIAL_WARNING_SECONDS)
              .emit("customer.subscription.trial_will_end", sub);
          return true;
        })
        .orElse(false);
  }

  /**
   * 23 hours after an incomplete subscription was made: its first invoice is voided and it is
   * incomplete_expired (ended, with {@code customer.subscription.deleted}), as on Stripe.
   */
  boolean expireIncomplete(Ctx ctx, String id) {
    Subscription sub = Subscriptions.TABLE.findForUpdate(ctx, id).orElseThrow();
    long expiresAt = sub.created() + INCOMPLETE_EXPIRES_AFTER;
    if (sub.status() != SubscriptionStatus.INCOMPLETE || expiresAt > ctx.now()) {
      return false;
    }
    Ctx at = ctx.at(expiresAt);
    if (sub.latestInvoice() != null) {
      invoices.voidIfOpen(at, sub.latestInvoice());
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("ended_at", at.now());
    set.put("canceled_at", at.now());
    Subscription expired =
        Subscriptions.TABLE
            .transition(
                at, id, SubscriptionStatus.INCOMPLETE, SubscriptionStatus.INCOMPLETE_EXPIRED, set)
            .orElseThrow();
    at.emit("customer.subscription.deleted", expired);
    return true;
  }
}
