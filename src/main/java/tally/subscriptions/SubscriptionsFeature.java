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
  private final SubscriptionCreation creation;
  private final Renewals renewals;
  private final Pausing pausing;
  private final SubscriptionStarts starts;
  private final CustomerSubscriptions forCustomers;
  private final UpcomingRenewals upcoming;

  public SubscriptionsFeature(
      Customers customers, Prices prices, InvoicesFeature invoices, MeterUsage usage) {
    MeteredLines metered = new MeteredLines(usage, prices);
    this.subscriptions =
        new Subscriptions(prices, invoices.invoices(), invoices.collection(), invoices.items());
    this.creation =
        new SubscriptionCreation(
            customers,
            prices,
            invoices.invoices(),
            invoices.collection(),
            invoices.items(),
            subscriptions);
    this.starts = new SubscriptionStarts(creation, subscriptions, invoices.invoices());
    this.forCustomers = new CustomerSubscriptions(subscriptions, prices, invoices.items());
    this.pausing = new Pausing(subscriptions, invoices.invoices());
    this.renewals = new Renewals(subscriptions, invoices.invoices(), customers, pausing, metered);
    this.upcoming = new UpcomingRenewals(invoices);
    invoices
        .invoices()
        .addListener(new SubscriptionInvoices(subscriptions, invoices.invoices(), metered));
    invoices.invoices().addListener(metered);
  }

  /** Starting subscriptions from other features (Checkout). */
  public SubscriptionStarts starts() {
    return starts;
  }

  /** For the customer portal: a customer's subscriptions, canceled and changed as the API does. */
  public CustomerSubscriptions customerSubscriptions() {
    return forCustomers;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    r.post("/v1/subscriptions", SubscriptionParams.Create::decode, creation::create);
    r.get("/v1/subscriptions", SubscriptionParams.ListFilter::decode, subscriptions::list);
    var search = SubscriptionSearch.engine();
    r.get(
        "/v1/subscriptions/search",
        tally.search.Search.Request::decode,
        (ctx, q) -> search.run(ctx, q, "/v1/subscriptions/search"));
    r.get(
        "/v1/subscriptions/{subscription_exposed_id}",
        Decoder.none(),
        (ctx, p) -> subscriptions.retrieve(ctx, ctx.path("subscription_exposed_id")));
    r.post(
        "/v1/subscriptions/{subscription_exposed_id}",
        SubscriptionParams.Update::decode,
        (ctx, p) -> subscriptions.update(ctx, ctx.path("subscription_exposed_id"), p));
    r.post(
        "/v1/subscriptions/{subscription}/resume",
        SubscriptionParams.Resume::decode,
        (ctx, p) -> pausing.resume(ctx, ctx.path("subscription"), p));
    r.delete(
        "/v1/subscriptions/{subscription_exposed_id}",
        Decoder.none(),
        (ctx, p) -> subscriptions.cancel(ctx, ctx.path("subscription_exposed_id")));
    r.get(
        "/v1/tally/subscription_retry_settings",
        Decoder.none(),
        (ctx, p) -> RetrySettings.read(ctx));
    r.post(
        "/v1/tally/subscription_retry_settings",
        RetrySettings.Update::decode,
        RetrySettings::update);
    in.expand().finder("sub_", (ctx, id) -> subscriptions.find(ctx, id).orElse(null));
    in.expand()
        .expandable(
            "subscription",
            "application",
            "customer",
            "default_payment_method",
            "default_source",
            "latest_invoice",
            "on_behalf_of",
            "pending_setup_intent",
            "schedule",
            "test_clock",
            "automatic_tax.liability.account",
            "invoice_settings.issuer.account",
            "transfer_data.destination");
    // Before renewals: a trial ending within the same advance is warned about first.
    in.due(
        "SELECT account_id, id FROM subscriptions WHERE status = 'trialing' AND trial_warned ="
            + " FALSE AND trial_end - "
            + Renewals.TRIAL_WARNING_SECONDS
            + " <= :now AND <clock> LIMIT 500",
        renewals::warnTrialEnd);
    // Before renewals too: each period's invoice.upcoming precedes its renewal in one advance.
    in.due(UpcomingRenewals.DUE, upcoming::announce);
    in.due(
        "SELECT account_id, id FROM subscriptions WHERE status IN ('active', 'trialing',"
            + " 'past_due', 'unpaid') AND current_period_end <= :now AND <clock> LIMIT 500",
        renewals::renewDue);
    in.due(
        "SELECT account_id, id FROM subscriptions WHERE status = 'incomplete' AND created + "
            + Renewals.INCOMPLETE_EXPIRES_AFTER
            + " <= :now AND <clock> LIMIT 500",
        renewals::expireIncomplete);
    in.due(
        "SELECT account_id, id FROM subscriptions WHERE pause_behavior IS NOT NULL AND"
            + " pause_resumes_at <= :now AND pause_resumes_at < current_period_end AND <clock>"
            + " LIMIT 500",
        pausing::resumeCollectionDue);
    in.emits(
        "customer.subscription.paused",
        "customer.subscription.resumed",
        "customer.subscription.trial_will_end",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "invoice.upcoming");
  }
}
