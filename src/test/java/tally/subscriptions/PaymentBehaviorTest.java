package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.subscriptions.BillingClock.DAY;
import static tally.subscriptions.BillingClock.START;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionCreateParams.PaymentBehavior;
import com.stripe.param.SubscriptionListParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/**
 * payment_behavior on create, and the 23 hours an incomplete subscription has to be paid before it
 * is incomplete_expired with its first invoice voided — each step the test clock's doing.
 */
class PaymentBehaviorTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final BillingClock billing = BillingClock.onNewAccount(SERVER);

  @Test
  void defaultIncompleteLeavesTheFirstInvoiceOpenUnpaidUntilTheCustomerPays()
      throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Price price = billing.monthly(2000L);
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, price)
                .setPaymentBehavior(PaymentBehavior.DEFAULT_INCOMPLETE));
    assertThat(sub.getStatus()).isEqualTo("incomplete");
    Invoice first = billing.invoice(sub.getLatestInvoice());
    assertThat(first.getStatus()).isEqualTo("open");
    assertThat(first.getAttemptCount()).isZero();
    assertThat(first.getAmountRemaining()).isEqualTo(2000L);

    billing.advanceTo(START + 22 * 3600);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("incomplete");
    billing.stripe.v1().invoices().pay(first.getId());
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");

    // Paid in time: nothing expires afterwards.
    billing.advanceTo(START + 2 * DAY);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");
    assertThat(billing.invoice(first.getId()).getStatus()).isEqualTo("paid");
  }

  @Test
  void anUnpaidIncompleteSubscriptionExpiresAfter23HoursAndItsInvoiceIsVoided()
      throws StripeException {
    Customer customer = billing.customer("tok_chargeCustomerFail");
    Price price = billing.monthly(2000L);
    Subscription sub = billing.subscribe(BillingClock.params(customer, price));
    assertThat(sub.getStatus()).isEqualTo("incomplete");
    Invoice first = billing.invoice(sub.getLatestInvoice());
    assertThat(first.getStatus()).isEqualTo("open");
    assertThat(first.getAttemptCount()).isEqualTo(1L);
    assertThat(first.getNextPaymentAttempt()).isNull(); // a first invoice is not retried

    billing.advanceTo(START + 23 * 3600 - 1);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("incomplete");

    billing.advanceTo(START + 3 * DAY);
    Subscription expired = billing.retrieve(sub.getId());
    assertThat(expired.getStatus()).isEqualTo("incomplete_expired");
    assertThat(expired.getEndedAt()).isEqualTo(START + 23 * 3600);
    Invoice voided = billing.invoice(first.getId());
    assertThat(voided.getStatus()).isEqualTo("void");
    assertThat(voided.getStatusTransitions().getVoidedAt()).isEqualTo(START + 23 * 3600);
    assertThat(voided.getAttemptCount()).isEqualTo(1L);
    assertThat(billing.events("customer.subscription.deleted"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCreated()).isEqualTo(START + 23 * 3600));
    assertThat(billing.events("invoice.voided")).hasSize(1);
    // Ended subscriptions are left out of the default list.
    assertThat(
            billing
                .stripe
                .v1()
                .subscriptions()
                .list(SubscriptionListParams.builder().setCustomer(customer.getId()).build())
                .getData())
        .isEmpty();
    assertStripeError(() -> billing.stripe.v1().invoices().pay(first.getId()))
        .isInvalidRequest()
        .hasCode("invoice_not_open");
  }

  @Test
  void errorIfIncompleteRefusesTheSubscriptionAndKeepsNothing() throws StripeException {
    Customer customer = billing.customer("tok_chargeCustomerFail");
    Price price = billing.monthly(2000L);
    assertStripeError(() ->
            billing.subscribe(
                BillingClock.params(customer, price)
                    .setPaymentBehavior(PaymentBehavior.ERROR_IF_INCOMPLETE)))
        .isCardError()
        .hasStatus(402);
    assertThat(
            billing
                .stripe
                .v1()
                .subscriptions()
                .list(
                    SubscriptionListParams.builder()
                        .setCustomer(customer.getId())
                        .setStatus(SubscriptionListParams.Status.ALL)
                        .build())
                .getData())
        .isEmpty();
  }

  @Test
  void aTrialWithDefaultIncompleteIsTrialingAtOnce() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, billing.monthly(2000L))
                .setTrialPeriodDays(7L)
                .setPaymentBehavior(PaymentBehavior.DEFAULT_INCOMPLETE));
    assertThat(sub.getStatus()).isEqualTo("trialing");
    billing.advanceTo(START + 2 * DAY);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("trialing");
  }

  @Test
  void pendingIfIncompleteIsOnlyForUpdates() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Price price = billing.monthly(2000L);
    assertStripeError(() ->
            billing.subscribe(
                BillingClock.params(customer, price)
                    .setPaymentBehavior(PaymentBehavior.PENDING_IF_INCOMPLETE)))
        .isInvalidRequest()
        .hasParam("payment_behavior");
  }
}
