package tally.subscriptions;

import tally.billing.MeterUsage;
import tally.catalog.Prices;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;
import tally.invoices.InvoicesFeature;

/** Subscriptions, renewed at each period end on their customer's clock. */
public final class SubscriptionsFeature implements Feature {
  private final Subscriptions subscriptions;

  public SubscriptionsFeature(
      Customers customers, Prices prices, InvoicesFeature invoices, MeterUsage usage) {
    MeteredLines metered = new MeteredLines(usage, prices);
    this.subscriptions =
        new Subscriptions(
            customers,
            prices,
            invoices.invoices(),
            invoices.collection(),
            invoices.items(),
            metered);
    invoices.invoices().addListener(new SubscriptionInvoices(subscriptions, metered));
    invoices.invoices().addListener(metered);
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    r.post("/v1/subscriptions", SubscriptionParams.Create::decode, subscriptions::create);
    r.get("/v1/subscriptions", SubscriptionParams.ListFilter::decode, subscriptions::list);
    r.get(
        "/v1/subscriptions/{subscription_exposed_id}",
        Decoder.none(),
        (ctx, p) -> subscriptions.retrieve(ctx, ctx.path("subscription_exposed_id")));
    r.post(
        "/v1/subscriptions/{subscription_exposed_id}",
        SubscriptionParams.Update::decode,
        (ctx, p) -> subscriptions.update(ctx, ctx.path("subscription_exposed_id"), p));
    r.delete(
        "/v1/subscriptions/{subscription_exposed_id}",
        Decoder.none(),
        (ctx, p) -> subscriptions.cancel(ctx, ctx.path("subscription_exposed_id")));
    in.expand().finder("sub_", (ctx, id) -> subscriptions.find(ctx, id).orElse(null));
    in.expand()
        .expandable(
            "subscription", "customer", "default_payment_method", "latest_invoice", "test_clock");
    // Before renewals: a trial ending within the same advance is warned about first.
    in.due(
        "SELECT account_id, id FROM subscriptions WHERE status = 'trialing' AND trial_warned ="
            + " FALSE AND trial_end - "
            + Subscriptions.TRIAL_WARNING_SECONDS
            + " <= :now AND <clock> LIMIT 500",
        subscriptions::warnTrialEnd);
    in.due(
        "SELECT account_id, id FROM subscriptions WHERE status IN ('active', 'trialing',"
            + " 'past_due') AND current_period_end <= :now AND <clock> LIMIT 500",
        subscriptions::renewDue);
    in.emits(
        "customer.subscription.trial_will_end",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted");
  }
}
