package tally.subscriptions;

import java.util.Map;
import java.util.Optional;
import tally.api.Ctx;
import tally.invoices.Invoice;
import tally.invoices.InvoiceListener;
import tally.invoices.Invoices;

/**
 * How a subscription follows its invoices: paid makes it active; a failed renewal makes it
 * past_due; when the retries run out it is canceled, unpaid or left past_due as the account's
 * {@link RetrySettings} say (Stripe's default: canceled).
 */
final class SubscriptionInvoices implements InvoiceListener {
  private final Subscriptions subscriptions;
  private final Invoices invoices;
  private final MeteredLines metered;

  SubscriptionInvoices(Subscriptions subscriptions, Invoices invoices, MeteredLines metered) {
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.metered = metered;
  }

  @Override
  public void paid(Ctx ctx, Invoice invoice) {
    owner(ctx, invoice)
        .filter(s ->
            s.status() == SubscriptionStatus.INCOMPLETE
                || s.status() == SubscriptionStatus.PAST_DUE
                || s.status() == SubscriptionStatus.UNPAID)
        .ifPresent(s -> subscriptions.move(ctx, s, SubscriptionStatus.ACTIVE, Map.of()));
  }

  @Override
  public void paymentFailed(Ctx ctx, Invoice invoice, boolean exhausted) {
    owner(ctx, invoice)
        .ifPresent(s -> {
          if (exhausted && s.status() != SubscriptionStatus.INCOMPLETE) {
            afterLastRetry(ctx, s, invoice);
          } else if (s.status() == SubscriptionStatus.ACTIVE
              || s.status() == SubscriptionStatus.TRIALING) {
            subscriptions.move(ctx, s, SubscriptionStatus.PAST_DUE, Map.of());
          }
        });
  }

  /** An invoice sent for payment is overdue: the subscription is past_due until it is paid. */
  @Override
  public void overdue(Ctx ctx, Invoice invoice) {
    owner(ctx, invoice)
        .filter(s -> s.status() == SubscriptionStatus.ACTIVE)
        .ifPresent(s -> subscriptions.move(ctx, s, SubscriptionStatus.PAST_DUE, Map.of()));
  }

  /** The last retry failed: the account's settings say what the subscription and invoice become. */
  private void afterLastRetry(Ctx ctx, Subscription s, Invoice invoice) {
    RetrySettings.Settings settings = RetrySettings.read(ctx);
    if ("uncollectible".equals(settings.invoiceStatus())) {
      invoices.markUncollectible(ctx, invoice.id());
    }
    switch (settings.subscriptionStatus()) {
      case "unpaid" -> {
        if (s.status().canMoveTo(SubscriptionStatus.UNPAID)) {
          subscriptions.move(ctx, s, SubscriptionStatus.UNPAID, Map.of());
        }
      }
      case "past_due" -> {
        if (s.status() == SubscriptionStatus.ACTIVE) {
          subscriptions.move(ctx, s, SubscriptionStatus.PAST_DUE, Map.of());
        }
      }
      default -> {
        if (s.status().canMoveTo(SubscriptionStatus.CANCELED)) {
          subscriptions.end(ctx, s, "payment_failed");
        }
      }
    }
  }

  /**
   * The next renewal's invoice as it would be drafted (for {@code create_preview}), with the usage
   * of metered items so far.
   */
  @Override
  public Optional<Invoices.NewInvoice> upcoming(Ctx ctx, String customer, String subscription) {
    Optional<Subscription> found =
        subscription != null
            ? Subscriptions.TABLE.find(ctx, subscription).filter(s -> s.customer().equals(customer))
            : ctx.db()
                .createQuery(
                    "SELECT * FROM subscriptions WHERE account_id = ? AND customer = ? AND status"
                        + " IN ('active', 'trialing', 'past_due') ORDER BY seq LIMIT 1")
                .bind(0, ctx.accountId())
                .bind(1, customer)
                .map(Subscriptions.TABLE.mapper())
                .findOne();
    return found
        .filter(s -> s.status().renews() && !s.cancelAtPeriodEnd())
        .map(s -> {
          long start = s.currentPeriodEnd();
          long end =
              Periods.endAfter(s.billingCycleAnchor(), start, s.intervalUnit(), s.intervalCount());
          Subscription next =
              tally.core.ObjectSchema.of(Subscription.class)
                  .with(s, Map.of("currentPeriodStart", start, "currentPeriodEnd", end));
          // The usage so far of the current period, billed in arrears on the next invoice.
          var lines = Subscriptions.periodLines(next, false);
          if (s.status() != SubscriptionStatus.TRIALING) { // usage in a trial is free
            lines.addAll(metered.lines(ctx, s, s.currentPeriodStart(), s.currentPeriodEnd()));
          }
          return Subscriptions.newInvoice(next, "subscription_cycle", lines);
        });
  }

  private java.util.Optional<Subscription> owner(Ctx ctx, Invoice invoice) {
    return invoice.subscription() == null
        ? java.util.Optional.empty()
        : Subscriptions.TABLE.findForUpdate(ctx, invoice.subscription());
  }
}
