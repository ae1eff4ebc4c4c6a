package tally.subscriptions;

import java.util.List;
import java.util.Map;
import tally.api.Ctx;
import tally.api.Metadata;
import tally.invoices.Invoice;
import tally.invoices.Invoices;

/**
 * What other features (Checkout) use to start a subscription as {@code POST /v1/subscriptions}
 * would, with {@code payment_behavior=default_incomplete}: the first invoice is finalized and left
 * for the caller to pay (a $0 one, e.g. a trial's, is paid by finalizing).
 */
public final class SubscriptionStarts {
  private final SubscriptionCreation creation;
  private final Subscriptions subscriptions;
  private final Invoices invoices;

  SubscriptionStarts(
      SubscriptionCreation creation, Subscriptions subscriptions, Invoices invoices) {
    this.creation = creation;
    this.subscriptions = subscriptions;
    this.invoices = invoices;
  }

  /** A recurring price and its quantity. */
  public record Item(String price, long quantity) {}

  /** A one-time price billed on the first invoice only. */
  public record OneTime(String price, long quantity, String description) {}

  /** The subscription to start; null fields are left to Stripe's defaults. */
  public record Start(
      String customer,
      List<Item> items,
      List<OneTime> oneTime,
      Long trialEnd,
      Long trialPeriodDays,
      Long billingCycleAnchor,
      boolean prorate,
      String defaultPaymentMethod,
      String description,
      Map<String, String> metadata,
      String trialMissingPaymentMethod) {}

  /** The new subscription and its first invoice (open, or paid when nothing was due). */
  public record Started(Subscription subscription, Invoice invoice) {}

  public Started start(Ctx ctx, Start s) {
    Subscription sub =
        creation.create(
            ctx,
            new SubscriptionParams.Create(
                s.customer(),
                s.items().stream()
                    .map(i -> new SubscriptionParams.Item(i.price(), i.quantity()))
                    .toList(),
                s.trialEnd(),
                s.trialPeriodDays(),
                s.defaultPaymentMethod(),
                "default_incomplete",
                "charge_automatically",
                null,
                s.description(),
                new Metadata(false, s.metadata()),
                s.billingCycleAnchor(),
                null,
                s.prorate(),
                s.trialMissingPaymentMethod(),
                s.oneTime().stream()
                    .map(o ->
                        new SubscriptionParams.OneTime(o.price(), o.quantity(), o.description()))
                    .toList()));
    return new Started(sub, invoices.find(ctx, sub.latestInvoice()).orElseThrow());
  }

  /** The subscription's default PaymentMethod is now {@code paymentMethod} (a new card). */
  public Subscription useDefaultPaymentMethod(Ctx ctx, String id, String paymentMethod) {
    Subscription before = subscriptions.retrieve(ctx, id);
    return paymentMethod.equals(before.defaultPaymentMethod())
        ? before
        : subscriptions.announce(ctx, before, Map.of("default_payment_method", paymentMethod));
  }
}
