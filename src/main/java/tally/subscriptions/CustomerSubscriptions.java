package tally.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.Metadata;
import tally.catalog.Prices;
import tally.invoices.InvoiceItems;

/**
 * What other features (the customer portal) may see of a customer's subscriptions and do to them:
 * cancel and change items, through the same rules and events as the API.
 */
public final class CustomerSubscriptions {
  private final Subscriptions subscriptions;
  private final ItemChanges changes;
  private final AnchorReset anchors;
  private final EarlyTrialEnd trials;

  CustomerSubscriptions(Subscriptions subscriptions, Prices prices, InvoiceItems items) {
    this.subscriptions = subscriptions;
    this.changes = new ItemChanges(prices, items);
    this.anchors = new AnchorReset(subscriptions, items);
    this.trials = new EarlyTrialEnd(subscriptions);
  }

  /** One item's new price and/or quantity (null: unchanged). */
  public record Change(String item, String price, Long quantity) {
    SubscriptionParams.ItemChange param() {
      return new SubscriptionParams.ItemChange(item, price, quantity);
    }
  }

  /** One item: its price as subscribed, and the quantity. */
  public record Item(
      String id,
      String price,
      String product,
      long unitAmount,
      String currency,
      String interval,
      long intervalCount,
      long quantity) {}

  /** A subscription as the portal shows it. */
  public record Summary(
      String id,
      String customer,
      String status,
      boolean cancelAtPeriodEnd,
      long currentPeriodEnd,
      List<Item> items) {

    /** Canceled (or expired before its first payment): nothing more can be changed. */
    public boolean ended() {
      return status.equals("canceled") || status.equals("incomplete_expired");
    }

    public Optional<Item> item(String id) {
      return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }
  }

  /** Stripe's {@code cancellation_details.feedback} (one of its reasons) and {@code comment}. */
  public record Cancellation(String feedback, String comment) {}

  static Summary summary(Subscription sub) {
    List<Item> items = new ArrayList<>();
    for (JsonNode stored : sub.itemsData()) {
      JsonNode price = stored.path("price");
      items.add(
          new Item(
              stored.path("id").asText(),
              price.path("id").asText(),
              price.path("product").asText(),
              price.path("unit_amount").asLong(),
              sub.currency(),
              sub.intervalUnit(),
              sub.intervalCount(),
              stored.path("quantity").asLong()));
    }
    return new Summary(
        sub.id(),
        sub.customer(),
        sub.status().wire(),
        sub.cancelAtPeriodEnd(),
        sub.currentPeriodEnd(),
        List.copyOf(items));
  }

  public Optional<Summary> find(Ctx ctx, String id) {
    return subscriptions.find(ctx, id).map(CustomerSubscriptions::summary);
  }

  /** The customer's subscriptions that have not ended, newest first. */
  public List<Summary> current(Ctx ctx, String customer) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM subscriptions WHERE account_id = ? AND customer = ? AND status NOT IN"
                + " ('canceled', 'incomplete_expired') ORDER BY created DESC, id DESC")
        .bind(0, ctx.accountId())
        .bind(1, customer)
        .map(Subscriptions.TABLE.mapper())
        .map(CustomerSubscriptions::summary)
        .list();
  }

  /**
   * Cancels at the period's end ({@code cancel_at_period_end}), as requested by the customer; a
   * subscription that does not renew cannot be.
   */
  public Summary cancelAtPeriodEnd(Ctx requestCtx, String id, Cancellation why) {
    var updated =
        Subscriptions.TABLE
            .update(
                requestCtx,
                id,
                sub -> {
                  if (!sub.status().renews()) {
                    throw Errors.invalid(
                        "cancel_at_period_end",
                        "A subscription that is "
                            + sub.status().wire()
                            + " cannot be canceled at period end.");
                  }
                  Ctx ctx = requestCtx.onTestClock(sub.testClock());
                  Map<String, Object> set = requested(why);
                  set.put("cancel_at_period_end", true);
                  set.put("canceled_at", ctx.now());
                  return set;
                })
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription"));
    return summary(requestCtx.emitUpdate("customer.subscription.updated", updated));
  }

  /**
   * Cancels now. With {@code create_prorations} the unused time of the period is credited on the
   * customer's next invoice; {@code always_invoice} invoices that credit at once; {@code none}
   * gives nothing back.
   */
  public Summary cancelNow(Ctx requestCtx, String id, String prorationBehavior, Cancellation why) {
    Subscription sub =
        Subscriptions.TABLE
            .findForUpdate(requestCtx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription"));
    Ctx ctx = requestCtx.onTestClock(sub.testClock());
    if (sub.status() == SubscriptionStatus.CANCELED
        || sub.status() == SubscriptionStatus.INCOMPLETE_EXPIRED) {
      throw Errors.invalid(
          "subscription", "A canceled subscription can only update its cancellation_details.");
    }
    Subscription noted = Subscriptions.TABLE.set(ctx, id, requested(why)).orElseThrow();
    boolean prorate =
        !"none".equals(prorationBehavior) && sub.status() != SubscriptionStatus.TRIALING;
    if (prorate) {
      changes.creditUnusedTime(ctx, noted);
    }
    Subscription ended = subscriptions.end(ctx, noted, "cancellation_requested");
    if (prorate && "always_invoice".equals(prorationBehavior)) {
      changes.invoicePendingNow(ctx, subscriptions, ended);
    }
    return summary(subscriptions.find(ctx, id).orElseThrow());
  }

  private static Map<String, Object> requested(Cancellation why) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("cancellation_reason", "cancellation_requested");
    set.put("cancellation_feedback", why.feedback());
    set.put("cancellation_comment", why.comment());
    return set;
  }

  /**
   * What changing one item now would prorate (positive: owed by the customer), as the change
   * computes it; the page shows it before the customer confirms.
   */
  public long prorationPreview(Ctx ctx, String id, String item, String price, Long quantity) {
    Subscription sub =
        subscriptions
            .find(ctx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription"));
    return changes.preview(ctx, sub, new SubscriptionParams.ItemChange(item, price, quantity));
  }

  /**
   * Changes one item's price and/or quantity, prorated as {@code prorationBehavior} says ({@code
   * always_invoice}, {@code create_prorations} or {@code none}).
   */
  public Summary changeItem(
      Ctx ctx, String id, String item, String price, Long quantity, String prorationBehavior) {
    changes.apply(
        ctx,
        subscriptions,
        id,
        new SubscriptionParams.Update(
            null,
            null,
            null,
            Metadata.NONE,
            List.of(new SubscriptionParams.ItemChange(item, price, quantity)),
            prorationBehavior,
            false,
            null));
    return summary(subscriptions.find(ctx, id).orElseThrow());
  }

  /**
   * Restarts the billing cycle now, after a change, as the API's {@code billing_cycle_anchor=now}
   * does: the unused time is credited (unless {@code prorationBehavior} is {@code none}) and the
   * new period invoiced and collected at once. Only a subscription being billed (active or past
   * due) restarts; a trialing one's cycle stays anchored at its trial end. Says whether it did.
   */
  public boolean restartCycle(Ctx ctx, String id, String prorationBehavior) {
    if (!restarts(subscriptions.find(ctx, id).orElseThrow())) {
      return false;
    }
    anchors.apply(ctx, id, !"none".equals(prorationBehavior));
    return true;
  }

  /**
   * What {@code changes} then {@link #restartCycle} would invoice now (negative: a credit); empty
   * when the subscription would not restart.
   */
  public Optional<Long> restartPreview(
      Ctx ctx, String id, List<Change> changes, String prorationBehavior) {
    Subscription sub =
        subscriptions
            .find(ctx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription"));
    if (!restarts(sub)) {
      return Optional.empty();
    }
    return Optional.of(
        this.changes.restartPreview(
            ctx,
            sub,
            changes.stream().map(Change::param).toList(),
            !"none".equals(prorationBehavior)));
  }

  /**
   * Ends a trial now, after a change (the portal's {@code trial_update_behavior=end_trial}): the
   * subscription is active and its first paid period, from now, invoiced and collected at once.
   * Says whether it did (false: it was not trialing).
   */
  public boolean endTrial(Ctx ctx, String id) {
    return trials.apply(ctx, id);
  }

  /**
   * What {@code changes} then {@link #endTrial} would invoice now: the new items' full period (the
   * trial was free, so nothing is credited); empty when the subscription is not trialing.
   */
  public Optional<Long> endTrialPreview(Ctx ctx, String id, List<Change> changes) {
    Subscription sub =
        subscriptions
            .find(ctx, id)
            .orElseThrow(() -> Errors.noSuch("subscription", id, "subscription"));
    if (sub.status() != SubscriptionStatus.TRIALING) {
      return Optional.empty();
    }
    return Optional.of(
        this.changes.restartPreview(ctx, sub, changes.stream().map(Change::param).toList(), false));
  }

  private static boolean restarts(Subscription sub) {
    return sub.status() == SubscriptionStatus.ACTIVE || sub.status() == SubscriptionStatus.PAST_DUE;
  }
}
