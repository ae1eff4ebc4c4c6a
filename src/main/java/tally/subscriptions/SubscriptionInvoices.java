package tally.subscriptions;

import tally.api.Ctx;
import tally.invoices.Invoice;
import tally.invoices.InvoiceListener;

/**
 * How a subscription follows its invoices: paid makes it active; a failed renewal makes it
 * past_due; when the retries run out it is canceled (Stripe's default "cancel the subscription").
 */
final class SubscriptionInvoices implements InvoiceListener {
  private final Subscriptions subscriptions;

  SubscriptionInvoices(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  @Override
  public void paid(Ctx ctx, Invoice invoice) {
    owner(ctx, invoice)
        .filter(s ->
            s.status() == SubscriptionStatus.INCOMPLETE
                || s.status() == SubscriptionStatus.PAST_DUE
                || s.status() == SubscriptionStatus.UNPAID)
        .ifPresent(s -> subscriptions.move(ctx, s, SubscriptionStatus.ACTIVE, java.util.Map.of()));
  }

  @Override
  public void paymentFailed(Ctx ctx, Invoice invoice, boolean exhausted) {
    owner(ctx, invoice)
        .ifPresent(s -> {
          if (exhausted && s.status() != SubscriptionStatus.INCOMPLETE) {
            subscriptions.end(ctx, s, "payment_failed");
          } else if (s.status() == SubscriptionStatus.ACTIVE
              || s.status() == SubscriptionStatus.TRIALING) {
            subscriptions.move(ctx, s, SubscriptionStatus.PAST_DUE, java.util.Map.of());
          }
        });
  }

  @Override
  public java.util.Optional<tally.invoices.Invoices.NewInvoice> upcoming(
      Ctx ctx, String customer, String subscription) {
    return subscriptions.upcoming(ctx, customer, subscription);
  }

  private java.util.Optional<Subscription> owner(Ctx ctx, Invoice invoice) {
    return invoice.subscription() == null
        ? java.util.Optional.empty()
        : Subscriptions.TABLE.findForUpdate(ctx, invoice.subscription());
  }
}
