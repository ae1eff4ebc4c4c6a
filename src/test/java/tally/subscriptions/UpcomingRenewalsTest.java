package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.subscriptions.BillingClock.DAY;
import static tally.subscriptions.BillingClock.START;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * {@code invoice.upcoming}: seven days before a subscription that charges automatically renews, on
 * its customer's clock, once per period and before that period's renewal.
 */
class UpcomingRenewalsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private static final long FEB_1 = START + 31 * DAY;
  private static final long MAR_1 = FEB_1 + 28 * DAY;
  private static final long APR_1 = MAR_1 + 31 * DAY;

  private final StripeClient stripe = SERVER.newClient();

  /** The account's events of these types, oldest first. */
  private List<Event> events(String... types) throws StripeException {
    List<Event> all =
        new ArrayList<>(
            Fixtures.allEvents(stripe).stream()
                .filter(e -> List.of(types).contains(e.getType()))
                .toList());
    return all.reversed();
  }

  private static JsonObject object(Event e) {
    return e.getDataObjectDeserializer().getRawJson() == null
        ? null
        : com.google.gson.JsonParser.parseString(e.getDataObjectDeserializer().getRawJson())
            .getAsJsonObject();
  }

  @Test
  void aRenewalIsAnnouncedSevenDaysAheadOnTheClock() throws StripeException {
    BillingClock billing = new BillingClock(SERVER, stripe);
    Customer customer = billing.customer("tok_visa");
    Price price = billing.monthly(1_200);
    Subscription sub = billing.subscribe(BillingClock.params(customer, price));

    billing.advanceTo(FEB_1 - 7 * DAY - 1);
    assertThat(events("invoice.upcoming")).isEmpty();

    billing.advanceTo(FEB_1 - 7 * DAY);
    List<Event> upcoming = events("invoice.upcoming");
    assertThat(upcoming).hasSize(1);
    Event first = upcoming.getFirst();
    assertThat(first.getCreated()).isEqualTo(FEB_1 - 7 * DAY);
    JsonObject invoice = object(first);
    assertThat(invoice.get("object").getAsString()).isEqualTo("invoice");
    // A preview, never stored: create_preview's kind of id.
    assertThat(invoice.get("id").getAsString()).startsWith("upcoming_in_");
    assertThat(invoice.get("amount_due").getAsLong()).isEqualTo(1_200);
    assertThat(invoice.get("billing_reason").getAsString()).isEqualTo("subscription_cycle");
    assertThat(invoice.get("customer").getAsString()).isEqualTo(customer.getId());
    assertThat(
            invoice
                .getAsJsonObject("parent")
                .getAsJsonObject("subscription_details")
                .get("subscription")
                .getAsString())
        .isEqualTo(sub.getId());
    JsonObject line =
        invoice.getAsJsonObject("lines").getAsJsonArray("data").get(0).getAsJsonObject();
    assertThat(line.getAsJsonObject("period").get("start").getAsLong()).isEqualTo(FEB_1);
    assertThat(line.getAsJsonObject("period").get("end").getAsLong()).isEqualTo(MAR_1);

    // Advancing again within the period announces nothing more.
    billing.advanceTo(FEB_1 - DAY);
    assertThat(events("invoice.upcoming")).hasSize(1);
  }

  @Test
  void eachPeriodIsAnnouncedBeforeItsRenewalInOneAdvance() throws StripeException {
    BillingClock billing = new BillingClock(SERVER, stripe);
    Customer customer = billing.customer("tok_visa");
    Subscription sub = billing.subscribe(BillingClock.params(customer, billing.monthly(900)));
    billing.advanceTo(APR_1 + 2 * 3600);

    List<Event> timeline = events("invoice.upcoming", "invoice.created");
    assertThat(timeline)
        .extracting(Event::getType)
        .containsExactly(
            "invoice.created", // the first invoice, at creation
            "invoice.upcoming",
            "invoice.created",
            "invoice.upcoming",
            "invoice.created",
            "invoice.upcoming",
            "invoice.created");
    assertThat(timeline)
        .extracting(Event::getCreated)
        .containsExactly(
            START, FEB_1 - 7 * DAY, FEB_1, MAR_1 - 7 * DAY, MAR_1, APR_1 - 7 * DAY, APR_1);
    assertThat(billing.invoices(sub.getId())).hasSize(4);
  }

  @Test
  void aTrialEndIsAnnouncedToo() throws StripeException {
    BillingClock billing = new BillingClock(SERVER, stripe);
    Customer customer = billing.customer("tok_visa");
    billing.subscribe(BillingClock.params(customer, billing.monthly(500)).setTrialPeriodDays(14L));
    billing.advanceTo(START + 7 * DAY);
    List<Event> upcoming = events("invoice.upcoming");
    assertThat(upcoming).hasSize(1);
    assertThat(upcoming.getFirst().getCreated()).isEqualTo(START + 7 * DAY);
    assertThat(object(upcoming.getFirst()).get("amount_due").getAsLong()).isEqualTo(500);
  }

  @Test
  void noneForAnEndingSubscriptionASentInvoiceOrAShortPeriod() throws StripeException {
    BillingClock billing = new BillingClock(SERVER, stripe);
    Customer customer = billing.customer("tok_visa");
    Price monthly = billing.monthly(800);
    Subscription ending = billing.subscribe(BillingClock.params(customer, monthly));
    stripe
        .v1()
        .subscriptions()
        .update(
            ending.getId(), SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
    billing.subscribe(
        BillingClock.params(customer, monthly)
            .setCollectionMethod(SubscriptionCreateParams.CollectionMethod.SEND_INVOICE)
            .setDaysUntilDue(30L));
    billing.subscribe(
        BillingClock.params(
            customer,
            billing.price(300, com.stripe.param.PriceCreateParams.Recurring.Interval.WEEK)));
    billing.advanceTo(FEB_1 - DAY);
    assertThat(events("invoice.upcoming")).isEmpty();
  }
}
