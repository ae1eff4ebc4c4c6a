package tally.subscriptions;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import java.util.List;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/** One test's test clock, a customer on it, prices and subscriptions: the billing tests' setup. */
final class BillingClock {
  static final long DAY = 86_400;
  static final long START = 1_767_225_600L; // 2026-01-01T00:00:00Z

  final StripeClient stripe;
  private final TallyServer server;
  final TestClock clock;

  BillingClock(TallyServer server, StripeClient stripe) throws StripeException {
    this.server = server;
    this.stripe = stripe;
    this.clock = Fixtures.testClock(stripe, START);
  }

  /** A clock on a new account of the server, made as a test's field is. */
  static BillingClock onNewAccount(TallyServer server) {
    try {
      return new BillingClock(server, server.newClient());
    } catch (StripeException e) {
      throw new IllegalStateException("could not make the test clock", e);
    }
  }

  /** Advances the clock to {@code time} and runs what fell due; the clock is ready again. */
  void advanceTo(long time) throws StripeException {
    Fixtures.advanceClockAndRunJobs(server, stripe, clock.getId(), time);
  }

  /** A customer on the clock, paying with {@code token} by default (none when null). */
  Customer customer(String token) throws StripeException {
    return customer("billed@example.com", token);
  }

  /** A customer on the clock with this email, paying with {@code token} (none when null). */
  Customer customer(String email, String token) throws StripeException {
    Customer customer = Fixtures.customerOnClock(stripe, email, clock.getId());
    if (token != null) {
      Fixtures.defaultCard(stripe, customer.getId(), token);
    }
    return customer;
  }

  Price price(long unitAmount, PriceCreateParams.Recurring.Interval interval)
      throws StripeException {
    return price(unitAmount, interval, "Plan");
  }

  /** A recurring usd price of {@code unitAmount}, its product named {@code product}. */
  Price price(long unitAmount, PriceCreateParams.Recurring.Interval interval, String product)
      throws StripeException {
    return stripe
        .v1()
        .prices()
        .create(
            Fixtures.priceParams(unitAmount, product)
                .setRecurring(PriceCreateParams.Recurring.builder().setInterval(interval).build())
                .build());
  }

  Price monthly(long unitAmount) throws StripeException {
    return price(unitAmount, PriceCreateParams.Recurring.Interval.MONTH);
  }

  Price monthly(long unitAmount, String product) throws StripeException {
    return price(unitAmount, PriceCreateParams.Recurring.Interval.MONTH, product);
  }

  /** Create params for one item of {@code price}, to add to. */
  static SubscriptionCreateParams.Builder params(Customer customer, Price price) {
    return SubscriptionCreateParams.builder()
        .setCustomer(customer.getId())
        .addItem(SubscriptionCreateParams.Item.builder().setPrice(price.getId()).build());
  }

  Subscription subscribe(SubscriptionCreateParams.Builder params) throws StripeException {
    return stripe.v1().subscriptions().create(params.build());
  }

  Subscription update(String id, SubscriptionUpdateParams.Builder params) throws StripeException {
    return stripe.v1().subscriptions().update(id, params.build());
  }

  Subscription retrieve(String id) throws StripeException {
    return stripe.v1().subscriptions().retrieve(id);
  }

  Invoice invoice(String id) throws StripeException {
    return stripe.v1().invoices().retrieve(id);
  }

  List<Invoice> invoices(String subscription) throws StripeException {
    return stripe
        .v1()
        .invoices()
        .list(InvoiceListParams.builder().setSubscription(subscription).setLimit(100L).build())
        .getData();
  }

  /** The account's events of {@code type}, newest first. */
  List<Event> events(String type) throws StripeException {
    return Fixtures.events(stripe, type);
  }
}
