package tally.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.checkout.CheckoutFixtures.adhoc;
import static tally.checkout.CheckoutFixtures.expandedLineItems;
import static tally.checkout.CheckoutFixtures.monthly;
import static tally.checkout.CheckoutFixtures.priced;
import static tally.checkout.CheckoutFixtures.recurring;
import static tally.checkout.CheckoutFixtures.session;
import static tally.checkout.CheckoutFixtures.subscription;
import static tally.testing.Fixtures.priceParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.LineItem;
import com.stripe.model.Price;
import com.stripe.model.checkout.Session;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * Creating subscription-mode sessions: what they show before the payer comes, and what is refused.
 */
class CheckoutSubscriptionTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Session create(SessionCreateParams.Builder session) throws StripeException {
    return CheckoutFixtures.create(stripe, session);
  }

  private static SessionCreateParams.SubscriptionData.Builder data() {
    return SessionCreateParams.SubscriptionData.builder();
  }

  @Test
  void aSessionOwesTheFirstInvoiceRecurringAndOneTimeItems() throws StripeException {
    Price plan = monthly(stripe, 2000);
    Price setupFee = stripe.v1().prices().create(priceParams(500, "Setup fee").build());
    Session s =
        create(subscription().addLineItem(priced(plan, 2)).addLineItem(priced(setupFee, 1)));
    assertThat(s.getMode()).isEqualTo("subscription");
    assertThat(s.getStatus()).isEqualTo("open");
    assertThat(s.getPaymentStatus()).isEqualTo("unpaid");
    assertThat(s.getAmountTotal()).isEqualTo(4500L);
    assertThat(s.getCurrency()).isEqualTo("usd");
    assertThat(s.getSubscription()).isNull();
    assertThat(s.getInvoice()).isNull();
    assertThat(s.getPaymentIntent()).isNull();
    assertThat(s.getCustomerCreation()).isNull();
    assertThat(s.getPaymentMethodCollection()).isEqualTo("always");
    var items = stripe.v1().checkout().sessions().lineItems().list(s.getId()).getData();
    assertThat(items).extracting(LineItem::getAmountTotal).containsExactly(4000L, 500L);
    assertThat(items.getFirst().getPrice().getRecurring().getInterval()).isEqualTo("month");
    assertThat(expandedLineItems(stripe, s)).hasSize(2);
  }

  @Test
  void aTrialOwesOnlyTheOneTimeItemsToday() throws StripeException {
    Price plan = monthly(stripe, 2000);
    Session trial =
        create(
            subscription()
                .addLineItem(priced(plan, 1))
                .setSubscriptionData(data().setTrialPeriodDays(14L).build())
                .setPaymentMethodCollection(
                    SessionCreateParams.PaymentMethodCollection.IF_REQUIRED));
    assertThat(trial.getAmountTotal()).isZero();
    assertThat(trial.getPaymentMethodCollection()).isEqualTo("if_required");
    Session withFee =
        create(
            subscription()
                .addLineItem(priced(plan, 1))
                .addLineItem(adhoc(700, 1))
                .setSubscriptionData(data().setTrialPeriodDays(14L).build()));
    assertThat(withFee.getAmountTotal()).isEqualTo(700L);
  }

  @Test
  void aMeteredPriceTakesNoQuantityAndOwesNothingToday() throws StripeException {
    var meter = Fixtures.sumMeter(stripe, "checkout_calls");
    Price metered =
        stripe
            .v1()
            .prices()
            .create(
                priceParams(3, "API calls").setRecurring(Fixtures.meteredMonthly(meter)).build());
    Price plan = monthly(stripe, 1000);
    Session s =
        create(
            subscription()
                .addLineItem(priced(plan, 1))
                .addLineItem(
                    SessionCreateParams.LineItem.builder().setPrice(metered.getId()).build()));
    assertThat(s.getAmountTotal()).isEqualTo(1000L);
    var items = stripe.v1().checkout().sessions().lineItems().list(s.getId()).getData();
    assertThat(items.get(1).getQuantity()).isNull();
    assertThat(items.get(1).getAmountTotal()).isZero();
    assertStripeError(() -> create(subscription().addLineItem(priced(metered, 2))))
        .isInvalidRequest()
        .hasParam("line_items[0]")
        .hasMessage(
            "Quantity should not be specified where usage_type is `metered`. Remove quantity from"
                + " `line_items[0]`");
  }

  @Test
  void stripesRulesForSubscriptionMode() throws StripeException {
    Price plan = monthly(stripe, 2000);
    Price yearly = recurring(stripe, 20000, PriceCreateParams.Recurring.Interval.YEAR);
    Price euros =
        stripe
            .v1()
            .prices()
            .create(
                priceParams(900, "Euro plan")
                    .setCurrency("eur")
                    .setRecurring(
                        PriceCreateParams.Recurring.builder()
                            .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                            .build())
                    .build());
    long now = SERVER.clock().nowSeconds();
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(
                        SessionCreateParams.LineItem.builder().setPrice(plan.getId()).build())))
        .isInvalidRequest()
        .hasParam("line_items[0][quantity]");
    assertStripeError(
            () -> create(subscription().addLineItem(priced(plan, 1)).addLineItem(priced(euros, 1))))
        .isInvalidRequest()
        .hasParam("line_items[1]")
        .hasMessage("All line items must use the same currency.");
    assertStripeError(() ->
            create(subscription().addLineItem(priced(plan, 1)).addLineItem(priced(yearly, 1))))
        .isInvalidRequest()
        .hasParam("line_items[1]")
        .hasMessageStartingWith("All recurring prices in a Checkout Session must have the same");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)))
        .isInvalidRequest()
        .hasParam("customer_creation");
    assertStripeError(() ->
            create(
                session()
                    .addLineItem(adhoc(100, 1))
                    .setPaymentMethodCollection(
                        SessionCreateParams.PaymentMethodCollection.IF_REQUIRED)))
        .isInvalidRequest()
        .hasParam("payment_method_collection");
    assertStripeError(() ->
            create(
                session()
                    .addLineItem(adhoc(100, 1))
                    .setSubscriptionData(data().setTrialPeriodDays(7L).build())))
        .isInvalidRequest()
        .hasParam("subscription_data")
        .hasMessage("You can only pass `subscription_data` in `subscription` mode.");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setPaymentIntentData(
                        SessionCreateParams.PaymentIntentData.builder()
                            .setDescription("x")
                            .build())))
        .isInvalidRequest()
        .hasParam("payment_intent_data");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setSubscriptionData(data().setTrialEnd(now + 24 * 3600).build())))
        .isInvalidRequest()
        .hasParam("subscription_data[trial_end]")
        .hasMessage("The `trial_end` date has to be at least 2 days in the future.");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setSubscriptionData(data().setTrialPeriodDays(731L).build())))
        .isInvalidRequest()
        .hasParam("subscription_data[trial_period_days]");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setSubscriptionData(
                        data().setTrialPeriodDays(7L).setTrialEnd(now + 9 * 86_400).build())))
        .isInvalidRequest()
        .hasParam("subscription_data[trial_end]");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setSubscriptionData(data().addDefaultTaxRate("txr_123").build())))
        .isInvalidRequest()
        .hasParam("subscription_data[default_tax_rates]");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setSubscriptionData(data().setBillingCycleAnchor(now - 60).build())))
        .isInvalidRequest()
        .hasParam("subscription_data[billing_cycle_anchor]");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setSubscriptionData(data().setBillingCycleAnchor(now + 40 * 86_400).build())))
        .isInvalidRequest()
        .hasParam("subscription_data[billing_cycle_anchor]")
        .hasMessageStartingWith("billing_cycle_anchor cannot be later than next natural billing");
    assertStripeError(() ->
            create(
                subscription()
                    .addLineItem(priced(plan, 1))
                    .setSubscriptionData(
                        data().setTrialPeriodDays(7L).setBillingCycleAnchor(now + 86_400).build())))
        .isInvalidRequest()
        .hasParam("subscription_data[billing_cycle_anchor]");
  }
}
