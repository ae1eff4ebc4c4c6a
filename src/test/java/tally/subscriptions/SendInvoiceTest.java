package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.subscriptions.BillingClock.DAY;
import static tally.subscriptions.BillingClock.START;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionCreateParams.CollectionMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * collection_method=send_invoice: each invoice is open with a due date days_until_due after it is
 * made, never charged automatically; unpaid at its due date it is overdue and the subscription
 * past_due until the customer pays.
 */
class SendInvoiceTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final BillingClock billing = BillingClock.onNewAccount(SERVER);

  @Test
  void anInvoiceUnpaidAtItsDueDateMakesTheSubscriptionPastDueUntilPaid() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, billing.monthly(4500L))
                .setCollectionMethod(CollectionMethod.SEND_INVOICE)
                .setDaysUntilDue(10L));
    assertThat(sub.getStatus()).isEqualTo("active");
    assertThat(sub.getCollectionMethod()).isEqualTo("send_invoice");
    assertThat(sub.getDaysUntilDue()).isEqualTo(10L);
    Invoice first = billing.invoice(sub.getLatestInvoice());
    assertThat(first.getStatus()).isEqualTo("open");
    assertThat(first.getCollectionMethod()).isEqualTo("send_invoice");
    assertThat(first.getDueDate()).isEqualTo(START + 10 * DAY);
    assertThat(first.getAttemptCount()).isZero();
    assertThat(first.getHostedInvoiceUrl()).isNotNull();

    billing.advanceTo(START + 10 * DAY - 1);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");
    assertThat(billing.invoice(first.getId()).getAttemptCount()).isZero(); // never charged

    billing.advanceTo(START + 12 * DAY);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("past_due");
    assertThat(billing.events("invoice.overdue"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCreated()).isEqualTo(START + 10 * DAY));
    billing.advanceTo(START + 13 * DAY); // noticed once
    assertThat(billing.events("invoice.overdue")).hasSize(1);

    billing.stripe.v1().invoices().pay(first.getId());
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");

    // February's invoice: open, due ten days after it was made, not charged.
    billing.advanceTo(START + 31 * DAY + 2 * 3600);
    Invoice february = billing.invoice(billing.retrieve(sub.getId()).getLatestInvoice());
    assertThat(february.getStatus()).isEqualTo("open");
    assertThat(february.getDueDate()).isEqualTo(START + 41 * DAY);
    assertThat(february.getAmountPaid()).isZero();
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");
  }

  @Test
  void aPaidInvoiceIsNeverOverdue() throws StripeException {
    Customer customer = billing.customer(null);
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, billing.monthly(4500L))
                .setCollectionMethod(CollectionMethod.SEND_INVOICE)
                .setDaysUntilDue(5L));
    Fixtures.defaultCard(billing.stripe, customer.getId(), "tok_visa");
    billing.stripe.v1().invoices().pay(sub.getLatestInvoice());
    billing.advanceTo(START + 6 * DAY);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");
    assertThat(billing.events("invoice.overdue")).isEmpty();
  }
}
