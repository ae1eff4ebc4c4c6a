package tally.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentMethod;
import com.stripe.model.billing.Meter;
import com.stripe.model.testhelpers.TestClock;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import java.util.List;

/** The objects many tests start from, made through the API as a client would make them. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * Stripe's US card pricing (2.9% of the captured amount, rounded half up, plus 30¢), written out
   * for tests that check the balance against the charges rather than read it back from the ledger.
   */
  public static long cardFee(long captured) {
    return (captured * 29 + 500) / 1000 + 30;
  }

  /**
   * What a charge adds to its account's balance (available + pending): the captured amount less its
   * fee and less what was refunded of it; an uncaptured charge adds nothing.
   */
  public static long balanceContribution(Charge c) {
    if (!c.getCaptured()) {
      return 0;
    }
    // Since 2025-03-31.basil a partial capture's released rest is no refund: amount_refunded
    // counts only what refunds returned.
    return c.getAmountCaptured() - cardFee(c.getAmountCaptured()) - c.getAmountRefunded();
  }

  /** A charge of {@code amount} cents in usd on a test token, e.g. {@code tok_visa}. */
  public static ChargeCreateParams.Builder chargeParams(String token, long amount) {
    return ChargeCreateParams.builder().setAmount(amount).setCurrency("usd").setSource(token);
  }

  /** Charges a test token (captured at once). */
  public static Charge charge(StripeClient stripe, String token, long amount)
      throws StripeException {
    return stripe.v1().charges().create(chargeParams(token, amount).build());
  }

  /** Authorizes a test token: an uncaptured charge. */
  public static Charge authorize(StripeClient stripe, String token, long amount)
      throws StripeException {
    return stripe.v1().charges().create(chargeParams(token, amount).setCapture(false).build());
  }

  /** Charges a customer's default card. */
  public static Charge chargeCustomer(StripeClient stripe, String customer, long amount)
      throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(
            ChargeCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .setCustomer(customer)
                .build());
  }

  /** A customer with only an email address. */
  public static Customer customer(StripeClient stripe, String email) throws StripeException {
    return stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email).build());
  }

  /** A test clock frozen at {@code frozenTime} (epoch seconds). */
  public static TestClock testClock(StripeClient stripe, long frozenTime) throws StripeException {
    return stripe
        .v1()
        .testHelpers()
        .testClocks()
        .create(TestClockCreateParams.builder().setFrozenTime(frozenTime).build());
  }

  /** Asks the test clock to move to {@code time}; what falls due runs when the jobs next run. */
  public static TestClock advanceClock(StripeClient stripe, String clock, long time)
      throws StripeException {
    return stripe
        .v1()
        .testHelpers()
        .testClocks()
        .advance(clock, TestClockAdvanceParams.builder().setFrozenTime(time).build());
  }

  /**
   * Advances the test clock to {@code time}, runs the jobs that fell due and checks the clock is
   * {@code ready} again.
   */
  public static void advanceClockAndRunJobs(
      TallyServer server, StripeClient stripe, String clock, long time) throws StripeException {
    advanceClock(stripe, clock, time);
    server.runJobs();
    assertThat(stripe.v1().testHelpers().testClocks().retrieve(clock).getStatus())
        .isEqualTo("ready");
  }

  /** A customer with only an email address, living on a test clock. */
  public static Customer customerOnClock(StripeClient stripe, String email, String clock)
      throws StripeException {
    return stripe
        .v1()
        .customers()
        .create(CustomerCreateParams.builder().setEmail(email).setTestClock(clock).build());
  }

  /** A one-time price of {@code unitAmount} cents in usd, with its product made inline. */
  public static PriceCreateParams.Builder priceParams(long unitAmount, String productName) {
    return PriceCreateParams.builder()
        .setCurrency("usd")
        .setUnitAmount(unitAmount)
        .setProductData(PriceCreateParams.ProductData.builder().setName(productName).build());
  }

  /** A Checkout line item of {@code quantity} × a one-time usd price made inline. */
  public static SessionCreateParams.LineItem checkoutItem(
      String productName, long unitAmount, long quantity) {
    var product =
        SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(productName).build();
    return SessionCreateParams.LineItem.builder()
        .setQuantity(quantity)
        .setPriceData(
            SessionCreateParams.LineItem.PriceData.builder()
                .setCurrency("usd")
                .setUnitAmount(unitAmount)
                .setProductData(product)
                .build())
        .build();
  }

  /** A payment-mode Checkout Session for one line item, returning to {@code successUrl}. */
  public static SessionCreateParams.Builder checkoutPayment(
      String successUrl, SessionCreateParams.LineItem item) {
    return SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setSuccessUrl(successUrl)
        .addLineItem(item);
  }

  /** Monthly usage-based billing from the meter. */
  public static PriceCreateParams.Recurring meteredMonthly(Meter meter) {
    return PriceCreateParams.Recurring.builder()
        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED)
        .setMeter(meter.getId())
        .build();
  }

  /** A billing meter of {@code eventName} events, aggregated by {@code formula}. */
  public static MeterCreateParams.Builder meterParams(
      String displayName, String eventName, MeterCreateParams.DefaultAggregation.Formula formula) {
    return MeterCreateParams.builder()
        .setDisplayName(displayName)
        .setEventName(eventName)
        .setDefaultAggregation(
            MeterCreateParams.DefaultAggregation.builder().setFormula(formula).build());
  }

  /** Creates a meter named after its event, summing the events' values. */
  public static Meter sumMeter(StripeClient stripe, String eventName) throws StripeException {
    return stripe
        .v1()
        .billing()
        .meters()
        .create(
            meterParams(eventName, eventName, MeterCreateParams.DefaultAggregation.Formula.SUM)
                .build());
  }

  /** A PaymentIntent of {@code amount} cents in usd. */
  public static PaymentIntentCreateParams.Builder intentParams(long amount) {
    return PaymentIntentCreateParams.builder().setAmount(amount).setCurrency("usd");
  }

  /** A card PaymentMethod made from a test token, e.g. {@code tok_visa}. */
  public static PaymentMethodCreateParams.Builder cardParams(String token) {
    return PaymentMethodCreateParams.builder()
        .setType(PaymentMethodCreateParams.Type.CARD)
        .putExtraParam("card[token]", token);
  }

  /** Creates a card PaymentMethod from a test token, attached to no customer. */
  public static PaymentMethod card(StripeClient stripe, String token) throws StripeException {
    return stripe.v1().paymentMethods().create(cardParams(token).build());
  }

  /** Attaches a PaymentMethod (or a test one such as {@code pm_card_visa}) to a customer. */
  public static PaymentMethod attach(StripeClient stripe, String paymentMethod, String customer)
      throws StripeException {
    return stripe
        .v1()
        .paymentMethods()
        .attach(paymentMethod, PaymentMethodAttachParams.builder().setCustomer(customer).build());
  }

  /** Makes {@code paymentMethod} the customer's {@code invoice_settings.default_payment_method}. */
  public static Customer setDefaultPaymentMethod(
      StripeClient stripe, String customer, String paymentMethod) throws StripeException {
    var invoiceSettings =
        CustomerUpdateParams.InvoiceSettings.builder()
            .setDefaultPaymentMethod(paymentMethod)
            .build();
    return stripe
        .v1()
        .customers()
        .update(
            customer, CustomerUpdateParams.builder().setInvoiceSettings(invoiceSettings).build());
  }

  /** The customer's {@code invoice_settings.default_payment_method} as retrieved now. */
  public static String defaultPaymentMethodOf(StripeClient stripe, String customer)
      throws StripeException {
    return stripe
        .v1()
        .customers()
        .retrieve(customer)
        .getInvoiceSettings()
        .getDefaultPaymentMethod();
  }

  /** A card PaymentMethod from {@code token}, attached to the customer. */
  public static PaymentMethod attachedCard(StripeClient stripe, String customer, String token)
      throws StripeException {
    return attach(stripe, card(stripe, token).getId(), customer);
  }

  /** A card PaymentMethod from {@code token}, attached to the customer as its default. */
  public static PaymentMethod defaultCard(StripeClient stripe, String customer, String token)
      throws StripeException {
    PaymentMethod pm = attachedCard(stripe, customer, token);
    setDefaultPaymentMethod(stripe, customer, pm.getId());
    return pm;
  }

  /** The account's latest events of every type, newest first (at most 100). */
  public static List<Event> allEvents(StripeClient stripe) throws StripeException {
    return stripe.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData();
  }

  /** The types of {@link #allEvents}, newest first. */
  public static List<String> eventTypes(StripeClient stripe) throws StripeException {
    return allEvents(stripe).stream().map(Event::getType).toList();
  }

  /** The account's events of one type, newest first (at most 100). */
  public static List<Event> events(StripeClient stripe, String type) throws StripeException {
    return stripe
        .v1()
        .events()
        .list(EventListParams.builder().setType(type).setLimit(100L).build())
        .getData();
  }

  /**
   * A customer's summed usage on a meter over the {@code days} up to ten minutes past {@code now}
   * (one summary for the whole window).
   */
  public static java.math.BigDecimal usage(
      StripeClient stripe, long now, Meter m, String customer, int days) throws StripeException {
    long end = (now / 60 + 10) * 60;
    var params =
        com.stripe.param.billing.MeterEventSummaryListParams.builder()
            .setCustomer(customer)
            .setStartTime(end - days * 86_400L)
            .setEndTime(end)
            .build();
    return stripe
        .v1()
        .billing()
        .meters()
        .eventSummaries()
        .list(m.getId(), params)
        .getData()
        .getFirst()
        .getAggregatedValue();
  }
}
