package tally.subscriptions;

import java.util.LinkedHashMap;
import java.util.Map;
import tally.api.Ctx;
import tally.api.Errors;
import tally.invoices.Invoice;
import tally.invoices.Invoices;

/**
 * Paused collection and paused subscriptions. With {@code pause_collection} the subscription stays
 * active and keeps renewing, but each renewal's invoice is left a draft ({@code keep_as_draft}), or
 * finalized and at once marked uncollectible or voided; it ends at {@code resumes_at} or when
 * cleared. A {@code paused} subscription (a trial that ended without a payment method) bills
 * nothing until {@code /resume} restarts it.
 */
final class Pausing {
  private final Subscriptions subscriptions;
  private final Invoices invoices;

  Pausing(Subscriptions subscriptions, Invoices invoices) {
    this.subscriptions = subscriptions;
    this.invoices = invoices;
  }

  /** Settles a renewal invoice made while collection is paused with {@code behavior}. */
  void settle(Ctx ctx, String behavior, Invoice draft) {
    if ("keep_as_draft".equals(behavior)) {
      return; // drafted with auto_advance off: nothing finalizes it
    }
    invoices.finalizeDraft(ctx, draft.id());
    if ("void".equals(behavior)) {
      invoices.voidIfOpen(ctx, draft.id());
    } else {
      invoices.markUncollectible(ctx, draft.id());
    }
  }

  /**
   * {@code resumes_at} fell inside a period: collection resumes then. (When it falls on or before a
   * period's end the renewal itself resumes it, so renewals before it stay paused.)
   */
  boolean resumeCollectionDue(Ctx ctx, String id) {
    Subscription sub = Subscriptions.TABLE.findForUpdate(ctx, id).orElseThrow();
    Long at = sub.pauseResumesAt();
    if (sub.pauseBehavior() == null
        || at == null
        || at > ctx.now()
        || at >= sub.currentPeriodEnd()) {
      return false;
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("pause_behavior", null);
    set.put("pause_resumes_at", null);
    subscriptions.announce(ctx.at(at), sub, set);
    return true;
  }

  /**
   * {@code POST /v1/subscriptions/{id}/resume}: a paused subscription is active again; a new period
   * starts now ({@code billing_cycle_anchor=now}) or runs to the next anchor date (prorated), and
   * is invoiced and collected at once — a decline leaves it past_due.
   */
  Subscription resume(Ctx requestCtx, String id, SubscriptionParams.Resume p) {
    Subscription sub =
        Subscriptions.TABLE
            .findForUpdate(requestCtx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription"));
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    if (sub.status() != SubscriptionStatus.PAUSED) {
      throw Errors.invalid(
          null,
          "Only a paused subscription can be resumed; this one is " + sub.status().wire() + ".");
    }
    long now = ctx.now();
    long anchor =
        p.resetAnchor()
            ? now
            : Periods.endAfter(
                sub.billingCycleAnchor(), now, sub.intervalUnit(), sub.intervalCount());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("billing_cycle_anchor", anchor);
    set.put("current_period_start", now);
    set.put(
        "current_period_end",
        p.resetAnchor() ? Periods.nth(now, sub.intervalUnit(), sub.intervalCount(), 1) : anchor);
    Subscription active = subscriptions.move(ctx, sub, SubscriptionStatus.ACTIVE, set);
    ctx.emit("customer.subscription.resumed", active);
    Invoice invoice = subscriptions.bill(ctx, active, "subscription_update", false);
    subscriptions.collect(ctx, invoice.id());
    return subscriptions.retrieve(ctx, id);
  }
}
