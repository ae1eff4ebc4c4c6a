package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.subscriptions.BillingClock.DAY;
import static tally.subscriptions.BillingClock.START;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionUpdateParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * A monthly subscription on a test clock: trial, first renewal paid, a renewal declined (past_due),
 * the retry paid, then canceled at period end. Every step is the clock's doing.
 */
class SubscriptionLifecycleTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();
  private BillingClock billing;

  private void advanceTo(long time) throws StripeException {
    billing.advanceTo(time);
  }

  /** A new test clock at START, and a customer on it paying with a Visa by default. */
  private Customer customerOnClock() throws StripeException {
    billing = new BillingClock(SERVER, stripe);
    return billing.customer("tok_visa");
  }

  private Subscription subscribe(Customer customer, Price price, Long trialDays)
      throws StripeException {
    return billing.subscribe(BillingClock.params(customer, price).setTrialPeriodDays(trialDays));
  }

  @Test
  void aYearOfMonthlyBillingOnATestClock() throws StripeException {
    Customer customer = customerOnClock();
    Price price = billing.monthly(1500L, "Pro");

    Subscription sub = subscribe(customer, price, 14L);
    assertThat(sub.getStatus()).isEqualTo("trialing");
    assertThat(sub.getTrialEnd()).isEqualTo(START + 14 * DAY);
    assertThat(sub.getItems().getData().getFirst().getCurrentPeriodEnd())
        .isEqualTo(START + 14 * DAY);
    Invoice trial = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    assertThat(trial.getStatus()).isEqualTo("paid");
    assertThat(trial.getTotal()).isZero();
    assertThat(trial.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(sub.getId());

    // The trial ends: active, and the first real period is billed and paid an hour later.
    advanceTo(START + 14 * DAY + 2 * 3600);
    sub = stripe.v1().subscriptions().retrieve(sub.getId());
    assertThat(sub.getStatus()).isEqualTo("active");
    Invoice first = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    assertThat(first.getBillingReason()).isEqualTo("subscription_cycle");
    assertThat(first.getStatus()).isEqualTo("paid");
    assertThat(first.getAmountPaid()).isEqualTo(1500L);
    assertThat(first.getAmountRemaining()).isZero();
    assertThat(first.getNumber()).endsWith("-0002");
    assertThat(first.getCreated()).isEqualTo(START + 14 * DAY);
    assertThat(first.getPeriodEnd()).isEqualTo(START + 14 * DAY + 31 * DAY);

    // The card now declines: the next renewal fails and the subscription is past_due.
    Fixtures.defaultCard(stripe, customer.getId(), "tok_chargeCustomerFail");
    advanceTo(START + 45 * DAY + 2 * 3600);
    sub = stripe.v1().subscriptions().retrieve(sub.getId());
    assertThat(sub.getStatus()).isEqualTo("past_due");
    Invoice declined = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    assertThat(declined.getStatus()).isEqualTo("open");
    assertThat(declined.getAttemptCount()).isEqualTo(1L);
    assertThat(declined.getNextPaymentAttempt()).isNotNull();

    // A good card again: the retry three days later pays, and the subscription is active.
    Fixtures.defaultCard(stripe, customer.getId(), "tok_visa");
    advanceTo(START + 49 * DAY);
    assertThat(stripe.v1().invoices().retrieve(declined.getId()).getStatus()).isEqualTo("paid");
    assertThat(stripe.v1().subscriptions().retrieve(sub.getId()).getStatus()).isEqualTo("active");

    // Canceled at period end: it ends when the period does, with no further invoice.
    stripe
        .v1()
        .subscriptions()
        .update(sub.getId(), SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
    int invoicesBefore = billing.invoices(sub.getId()).size();
    advanceTo(START + 120 * DAY);
    sub = stripe.v1().subscriptions().retrieve(sub.getId());
    assertThat(sub.getStatus()).isEqualTo("canceled");
    assertThat(sub.getEndedAt()).isEqualTo(START + 14 * DAY + 31 * DAY + 28 * DAY);
    assertThat(billing.invoices(sub.getId())).hasSize(invoicesBefore);

    assertThat(billing.events("customer.subscription.deleted"))
        .extracting(Event::getType)
        .containsExactly("customer.subscription.deleted");
    assertThat(billing.events("invoice.payment_failed")).hasSize(1);
  }

  @Test
  void anUpgradeMidPeriodIsProratedOnTheNextInvoice() throws StripeException {
    Customer customer = customerOnClock();
    Price price = billing.monthly(3000L, "Team");
    Subscription sub = subscribe(customer, price, null);
    assertThat(sub.getStatus()).isEqualTo("active");
    assertThat(stripe.v1().invoices().retrieve(sub.getLatestInvoice()).getAmountPaid())
        .isEqualTo(3000L);

    advanceTo(START + 15 * DAY); // 16 of January's 31 days are left
    String item = sub.getItems().getData().getFirst().getId();
    stripe
        .v1()
        .subscriptions()
        .update(
            sub.getId(),
            SubscriptionUpdateParams.builder()
                .addItem(
                    SubscriptionUpdateParams.Item.builder().setId(item).setQuantity(2L).build())
                .build());

    Invoice preview =
        stripe
            .v1()
            .invoices()
            .createPreview(
                com.stripe.param.InvoiceCreatePreviewParams.builder()
                    .setCustomer(customer.getId())
                    .build());
    assertThat(preview.getId()).startsWith("upcoming_in_");
    assertThat(preview.getTotal()).isEqualTo(6000L - 1548L + 3097L);
    assertThat(preview.getPeriodStart()).isEqualTo(START + 31 * DAY);

    advanceTo(START + 31 * DAY + 2 * 3600);
    Invoice renewal =
        stripe
            .v1()
            .invoices()
            .retrieve(stripe.v1().subscriptions().retrieve(sub.getId()).getLatestInvoice());
    // 2 × 3000 for February, less 3000 × 16/31 unused, plus 6000 × 16/31 for the rest of January.
    assertThat(renewal.getLines().getData()).hasSize(3);
    assertThat(renewal.getTotal()).isEqualTo(6000L - 1548L + 3097L);
    assertThat(renewal.getStatus()).isEqualTo("paid");
  }

  @Test
  void aYearOfRenewalsInOneAdvance() throws StripeException {
    Customer customer = customerOnClock();
    Price price = billing.monthly(1000L, "Yearly");
    Subscription sub = subscribe(customer, price, 7L);
    long started = System.nanoTime();
    advanceTo(START + 7 * DAY + 365 * DAY + 2 * 3600);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("a year of monthly renewals in one advance: " + millis + " ms");
    List<Invoice> all = billing.invoices(sub.getId());
    // The trial's $0 invoice and twelve monthly ones (Jan 8 → Jan 8), each paid.
    assertThat(all).hasSize(14);
    assertThat(all).allMatch(i -> "paid".equals(i.getStatus()));
    assertThat(all.stream().mapToLong(Invoice::getAmountPaid).sum()).isEqualTo(13 * 1000L);
    assertThat(billing.events("customer.subscription.trial_will_end"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCreated()).isEqualTo(START + 4 * DAY));
  }
}
