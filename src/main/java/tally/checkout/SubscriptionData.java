package tally.checkout;

import java.util.List;
import java.util.Map;
import tally.api.Errors;
import tally.api.Metadata;
import tally.api.Params;

/**
 * A subscription-mode session's {@code subscription_data}: what the subscription made on completion
 * gets. Kept in the session's fields (not rendered) until then.
 */
record SubscriptionData(
    Long trialPeriodDays,
    Long trialEnd,
    Long billingCycleAnchor,
    boolean prorate,
    String description,
    Map<String, String> metadata,
    String missingPaymentMethod) {

  static final SubscriptionData NONE =
      new SubscriptionData(null, null, null, true, null, Map.of(), null);

  /** Stripe's bounds on a Checkout trial. */
  static final long MAX_TRIAL_DAYS = 730;

  static final long MIN_TRIAL_END_AHEAD = 48 * 3600;

  boolean trial() {
    return trialPeriodDays != null || trialEnd != null;
  }

  static SubscriptionData decode(Params p, boolean subscriptionMode) {
    Params d = p.hash("subscription_data");
    if (d == null) {
      return NONE;
    }
    if (!subscriptionMode) {
      p.fail(
          Errors.invalid(
              "subscription_data",
              "You can only pass `subscription_data` in `subscription` mode."));
    }
    Long days = d.positiveInteger("trial_period_days", false);
    if (days != null && days > MAX_TRIAL_DAYS) {
      p.fail(
          Errors.invalid(
              d.path("trial_period_days"),
              "The maximum number of trial period days is 730 (2 years)."));
    }
    Long trialEnd = d.integer("trial_end");
    if (days != null && trialEnd != null) {
      p.fail(
          Errors.invalid(
              d.path("trial_end"),
              "You may only specify one of these parameters: subscription_data[trial_end],"
                  + " subscription_data[trial_period_days]."));
    }
    Long anchor = d.integer("billing_cycle_anchor");
    if (anchor != null && (days != null || trialEnd != null)) {
      p.fail(
          Errors.invalid(
              d.path("billing_cycle_anchor"),
              "`subscription_data[billing_cycle_anchor]` cannot be combined with a trial"
                  + " (`subscription_data[trial_period_days]` or `subscription_data[trial_end]`)."));
    }
    String proration = d.oneOf("proration_behavior", List.of("create_prorations", "none"));
    String description = d.string("description", 500);
    Map<String, String> metadata = Metadata.read(d).applyTo(Map.of());
    if (d.has("default_tax_rates")) {
      d.raw("default_tax_rates");
      p.fail(
          Errors.invalid(
              d.path("default_tax_rates"),
              "Tally has no tax rates yet, so `subscription_data[default_tax_rates]` cannot be"
                  + " used."));
    }
    String missing = null;
    Params settings = d.hash("trial_settings");
    Params end = settings == null ? null : settings.hash("end_behavior");
    if (end != null) {
      missing = end.oneOf("missing_payment_method", List.of("cancel", "create_invoice", "pause"));
    }
    return new SubscriptionData(
        days, trialEnd, anchor, !"none".equals(proration), description, metadata, missing);
  }
}
