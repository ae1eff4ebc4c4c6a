package tally.subscriptions;

import java.util.LinkedHashMap;
import java.util.Map;
import tally.api.Ctx;
import tally.api.Errors;
import tally.invoices.Invoice;

/**
 * A trial ended early by a change (the portal's {@code trial_update_behavior=end_trial}), as
 * Stripe's {@code trial_end=now} ends one: the subscription is active from now, its cycle anchored
 * now, and its first paid period invoiced ({@code subscription_update}) and collected at once.
 */
final class EarlyTrialEnd {
  private final Subscriptions subscriptions;

  EarlyTrialEnd(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** Ends the subscription's trial now; false when it is not trialing. */
  boolean apply(Ctx requestCtx, String id) {
    Subscription sub =
        Subscriptions.TABLE
            .findForUpdate(requestCtx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription"));
    if (sub.status() != SubscriptionStatus.TRIALING) {
      return false;
    }
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    long now = ctx.now();
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("trial_end", now);
    set.put("billing_cycle_anchor", now);
    set.put("billing_cycle_anchor_config", null);
    set.put("current_period_start", now);
    set.put("current_period_end", Periods.nth(now, sub.intervalUnit(), sub.intervalCount(), 1));
    Subscription active = subscriptions.move(ctx, sub, SubscriptionStatus.ACTIVE, set);
    Invoice invoice = subscriptions.bill(ctx, active, "subscription_update", false);
    subscriptions.collect(ctx, invoice.id());
    return true;
  }
}
