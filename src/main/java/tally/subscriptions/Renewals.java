package tally.subscriptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.Ctx;
import tally.customers.Customers;
import tally.invoices.Invoice;
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
  private final Customers customers;
  private final Pausing pausing;
  private final MeteredLines metered;

  Renewals(
      Subscriptions subscriptions,
      Invoices invoices,
      Customers customers,
      Pausing pausing,
      MeteredLines metered) {
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.customers = customers;
    this.pausing = pausing;
    this.metered = metered;
  }

  /** The clock reached the period end: cancel if asked, else start the next period and bill it. */
  boolean renewDue(Ctx ctx, String id) {
    Subscription sub = Subscriptions.TABLE.findForUpdate(ctx, id).orElseThrow();
    if (!sub.status().renews() || sub.currentPeriodEnd() > ctx.now()) {
      return false;
    }
    Ctx at = ctx.at(sub.currentPeriodEnd());
    if (sub.cancelAtPeriodEnd()) {
      // The last period's usage is still owed: billed in arrears on a final invoice (with pending
      // items), as a renewal would have billed it, before the subscription ends.
      if (sub.status() != SubscriptionStatus.TRIALING) {
        subscriptions.billFinal(
            at, sub, metered.lines(at, sub, sub.currentPeriodStart(), sub.currentPeriodEnd()));
      }
      subscriptions.end(at, sub, "cancellation_requested");
      return true;
    }
    if (sub.status() == SubscriptionStatus.TRIALING && trialEndedWithoutPaymentMethod(at, sub)) {
      return true;
    }
    long start = sub.currentPeriodEnd();
    long end =
        Periods.endAfter(sub.billingCycleAnchor(), start, sub.intervalUnit(), sub.intervalCount());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("current_period_start", start);
    set.put("current_period_end", end);
    boolean paused = sub.collectionPausedAt(start);
    if (sub.pauseBehavior() != null && !paused) {
      set.put("pause_behavior", null); // resumes_at came: this period is collected again
      set.put("pause_resumes_at", null);
    }
    Subscription renewed =
        sub.status() == SubscriptionStatus.TRIALING
            ? subscriptions.move(at, sub, SubscriptionStatus.ACTIVE, set)
            : subscriptions.announce(at, sub, set);
    // The period that ended: its metered usage is billed in arrears (free during a trial, as the
    // trial's licensed lines are).
    List<Invoices.NewLine> usage =
        sub.status() == SubscriptionStatus.TRIALING
            ? List.of()
            : metered.lines(at, sub, sub.currentPeriodStart(), sub.currentPeriodEnd());
    Invoice invoice = subscriptions.bill(at, renewed, "subscription_cycle", false, true, usage);
    if (paused) {
      pausing.settle(at, renewed.pauseBehavior(), invoice);
    }
    return true;
  }

  /**
   * A trial ends and neither the subscription nor its customer has a payment method: with {@code
   * trial_settings.end_behavior.missing_payment_method} {@code pause} the subscription is paused
   * (nothing billed), with {@code cancel} it is canceled; {@code create_invoice} bills as usual.
   */
  private boolean trialEndedWithoutPaymentMethod(Ctx at, Subscription sub) {
    String behavior = sub.trialMissingPaymentMethod();
    if (behavior == null
        || "create_invoice".equals(behavior)
        || sub.defaultPaymentMethod() != null
        || customers.defaultPaymentMethod(at, sub.customer()).isPresent()) {
      return false;
    }
    if ("cancel".equals(behavior)) {
      subscriptions.end(at, sub, "cancellation_requested");
    } else {
      Subscription paused = subscriptions.move(at, sub, SubscriptionStatus.PAUSED, Map.of());
      at.emit("customer.subscription.paused", paused);
    }
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
