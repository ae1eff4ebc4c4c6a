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
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/**
 * billing_cycle_anchor on create (a timestamp, or billing_cycle_anchor_config): the first period
 * runs to the anchor and is prorated against a full one; billing_cycle_anchor=now on update
 * restarts the cycle, crediting the unused time.
 */
class BillingCycleAnchorTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private BillingClock billing;
  private Customer customer;
  private Price price;

  @BeforeEach
  void clock() throws StripeException {
    billing = new BillingClock(SERVER, SERVER.newClient());
    customer = billing.customer("tok_visa");
    price = billing.monthly(3100L);
  }

  @Test
  void anAnchorTwoWeeksAheadBillsTwoWeeksOfAMonthThenFullMonthsFromIt() throws StripeException {
    long anchor = START + 14 * DAY; // Jan 15
    Subscription sub =
        billing.subscribe(BillingClock.params(customer, price).setBillingCycleAnchor(anchor));
    assertThat(sub.getStatus()).isEqualTo("active");
    assertThat(sub.getBillingCycleAnchor()).isEqualTo(anchor);
    assertThat(sub.getItems().getData().getFirst().getCurrentPeriodEnd()).isEqualTo(anchor);
    Invoice first = billing.invoice(sub.getLatestInvoice());
    // Dec 15 → Jan 15 is 31 days; 14 of them are billed.
    assertThat(first.getTotal()).isEqualTo(1400L);
    assertThat(first.getAmountPaid()).isEqualTo(1400L);
    assertThat(first.getLines().getData()).singleElement();

    billing.advanceTo(anchor + 2 * 3600);
    Subscription renewed = billing.retrieve(sub.getId());
    Invoice cycle = billing.invoice(renewed.getLatestInvoice());
    assertThat(cycle.getBillingReason()).isEqualTo("subscription_cycle");
    assertThat(cycle.getTotal()).isEqualTo(3100L);
    assertThat(cycle.getStatus()).isEqualTo("paid");
    assertThat(cycle.getPeriodStart()).isEqualTo(anchor);
    assertThat(renewed.getItems().getData().getFirst().getCurrentPeriodEnd())
        .isEqualTo(anchor + 31 * DAY);
  }

  @Test
  void withoutProrationsTheFirstShortPeriodIsFree() throws StripeException {
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, price)
                .setBillingCycleAnchor(START + 10 * DAY)
                .setProrationBehavior(SubscriptionCreateParams.ProrationBehavior.NONE));
    assertThat(sub.getStatus()).isEqualTo("active");
    Invoice first = billing.invoice(sub.getLatestInvoice());
    assertThat(first.getTotal()).isZero();
    assertThat(first.getStatus()).isEqualTo("paid");
  }

  @Test
  void anAnchorConfigPicksTheNextSuchDay() throws StripeException {
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, price)
                .setBillingCycleAnchorConfig(
                    SubscriptionCreateParams.BillingCycleAnchorConfig.builder()
                        .setDayOfMonth(31L)
                        .setHour(12L)
                        .build()));
    long anchor = START + 30 * DAY + 12 * 3600; // Jan 31, 12:00
    assertThat(sub.getBillingCycleAnchor()).isEqualTo(anchor);
    assertThat(sub.getBillingCycleAnchorConfig().getDayOfMonth()).isEqualTo(31L);
    assertThat(sub.getBillingCycleAnchorConfig().getHour()).isEqualTo(12L);
    assertThat(sub.getBillingCycleAnchorConfig().getMonth()).isNull();
    // Dec 31 12:00 → Jan 31 12:00 is 31 days; 30.5 of them are billed.
    assertThat(billing.invoice(sub.getLatestInvoice()).getTotal()).isEqualTo(3050L);

    billing.advanceTo(anchor + 29 * DAY); // past Feb 28 12:00, the month's last day
    Invoice february = billing.invoice(billing.retrieve(sub.getId()).getLatestInvoice());
    assertThat(february.getPeriodStart()).isEqualTo(anchor + 28 * DAY);
    assertThat(february.getTotal()).isEqualTo(3100L);
  }

  @Test
  void aTrialThenAnAnchorProratesTheTimeBetween() throws StripeException {
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, price)
                .setTrialPeriodDays(7L)
                .setBillingCycleAnchor(START + 14 * DAY));
    assertThat(sub.getStatus()).isEqualTo("trialing");
    billing.advanceTo(START + 7 * DAY + 2 * 3600);
    Subscription active = billing.retrieve(sub.getId());
    assertThat(active.getStatus()).isEqualTo("active");
    assertThat(active.getItems().getData().getFirst().getCurrentPeriodEnd())
        .isEqualTo(START + 14 * DAY);
    assertThat(billing.invoice(active.getLatestInvoice()).getTotal()).isEqualTo(700L);
  }

  @Test
  void anAnchorBeyondOneFullPeriodOrTwoAnchorsAreRefused() throws StripeException {
    assertStripeError(() ->
            billing.subscribe(
                BillingClock.params(customer, price).setBillingCycleAnchor(START + 40 * DAY)))
        .isInvalidRequest()
        .hasParam("billing_cycle_anchor");
    assertStripeError(() ->
            billing.subscribe(
                BillingClock.params(customer, price)
                    .setBillingCycleAnchor(START + 4 * DAY)
                    .setBillingCycleAnchorConfig(
                        SubscriptionCreateParams.BillingCycleAnchorConfig.builder()
                            .setDayOfMonth(5L)
                            .build())))
        .isInvalidRequest()
        .hasParam("billing_cycle_anchor");
  }

  @Test
  void resettingTheAnchorNowCreditsTheUnusedTimeAndBillsANewPeriod() throws StripeException {
    Subscription sub = billing.subscribe(BillingClock.params(customer, price));
    billing.advanceTo(START + 10 * DAY);
    Subscription reset =
        billing.update(
            sub.getId(),
            SubscriptionUpdateParams.builder()
                .setBillingCycleAnchor(SubscriptionUpdateParams.BillingCycleAnchor.NOW));
    assertThat(reset.getBillingCycleAnchor()).isEqualTo(START + 10 * DAY);
    assertThat(reset.getItems().getData().getFirst().getCurrentPeriodStart())
        .isEqualTo(START + 10 * DAY);
    assertThat(reset.getItems().getData().getFirst().getCurrentPeriodEnd())
        .isEqualTo(START + 41 * DAY);
    Invoice invoice = billing.invoice(reset.getLatestInvoice());
    assertThat(invoice.getBillingReason()).isEqualTo("subscription_update");
    // 3100 for the new month less 21 of January's 31 days unused (2100).
    assertThat(invoice.getTotal()).isEqualTo(1000L);
    assertThat(invoice.getStatus()).isEqualTo("paid");

    // "unchanged" changes nothing.
    Subscription same =
        billing.update(
            sub.getId(),
            SubscriptionUpdateParams.builder()
                .setBillingCycleAnchor(SubscriptionUpdateParams.BillingCycleAnchor.UNCHANGED));
    assertThat(same.getLatestInvoice()).isEqualTo(invoice.getId());
    assertThat(same.getBillingCycleAnchor()).isEqualTo(START + 10 * DAY);
  }
}
