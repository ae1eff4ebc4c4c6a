package tally.subscriptions;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.billing.Meter;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventAdjustmentCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import java.util.List;
import java.util.UUID;
import tally.testing.Fixtures;

/**
 * A plan billed from three meters (sum per unit, count on graduated tiers, last on volume tiers)
 * and a licensed $10 month, with the calls that subscribe to it and send its usage.
 */
record MeteredPlan(
    StripeClient stripe,
    Meter tokens,
    Meter requests,
    Meter storage,
    Price basePrice,
    Price tokenPrice,
    Price requestPrice,
    Price storagePrice) {

  /** Makes the meters (their event names ending in {@code tag}) and the four prices. */
  static MeteredPlan create(StripeClient stripe, String tag) throws StripeException {
    Meter tokens = meter(stripe, tag, "tokens", MeterCreateParams.DefaultAggregation.Formula.SUM);
    Meter requests =
        meter(stripe, tag, "requests", MeterCreateParams.DefaultAggregation.Formula.COUNT);
    Meter storage =
        meter(stripe, tag, "storage", MeterCreateParams.DefaultAggregation.Formula.LAST);
    var prices = stripe.v1().prices();
    Price base =
        prices.create(
            priceOf("Base")
                .setUnitAmount(1000L)
                .setRecurring(
                    PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .build())
                .build());
    // 1.5 cents a token.
    Price perToken =
        prices.create(
            priceOf("Tokens")
                .setUnitAmountDecimal(new java.math.BigDecimal("1.5"))
                .setRecurring(Fixtures.meteredMonthly(tokens))
                .build());
    // First 5 requests at $1 plus $2 flat, the next 5 at 50¢, then 10¢.
    Price graduated =
        prices.create(
            priceOf("Requests")
                .setBillingScheme(PriceCreateParams.BillingScheme.TIERED)
                .setTiersMode(PriceCreateParams.TiersMode.GRADUATED)
                .addTier(tier(5L, 100, 200L))
                .addTier(tier(10L, 50, null))
                .addTier(tier(null, 10, null))
                .setRecurring(Fixtures.meteredMonthly(requests))
                .build());
    // Up to 10 GB at $3 each; past 10 GB every GB at $2, plus $1 flat.
    Price volume =
        prices.create(
            priceOf("Storage")
                .setBillingScheme(PriceCreateParams.BillingScheme.TIERED)
                .setTiersMode(PriceCreateParams.TiersMode.VOLUME)
                .addTier(tier(10L, 300, null))
                .addTier(tier(null, 200, 100L))
                .setRecurring(Fixtures.meteredMonthly(storage))
                .build());
    return new MeteredPlan(stripe, tokens, requests, storage, base, perToken, graduated, volume);
  }

  private static Meter meter(
      StripeClient stripe,
      String tag,
      String event,
      MeterCreateParams.DefaultAggregation.Formula formula)
      throws StripeException {
    return stripe
        .v1()
        .billing()
        .meters()
        .create(Fixtures.meterParams(event, event + "_" + tag, formula).build());
  }

  private static PriceCreateParams.Builder priceOf(String product) {
    return PriceCreateParams.builder()
        .setCurrency("usd")
        .setProductData(PriceCreateParams.ProductData.builder().setName(product).build());
  }

  private static PriceCreateParams.Tier tier(Long upTo, long unit, Long flat) {
    var t = PriceCreateParams.Tier.builder().setUnitAmount(unit);
    if (upTo == null) {
      t.setUpTo(PriceCreateParams.Tier.UpTo.INF);
    } else {
      t.setUpTo(upTo);
    }
    if (flat != null) {
      t.setFlatAmount(flat);
    }
    return t.build();
  }

  Subscription subscribe(Customer customer, boolean sendInvoice) throws StripeException {
    var b = SubscriptionCreateParams.builder().setCustomer(customer.getId());
    for (Price p : List.of(basePrice, tokenPrice, requestPrice, storagePrice)) {
      b.addItem(SubscriptionCreateParams.Item.builder().setPrice(p.getId()).build());
    }
    if (sendInvoice) {
      b.setCollectionMethod(SubscriptionCreateParams.CollectionMethod.SEND_INVOICE)
          .setDaysUntilDue(30L);
    }
    return stripe.v1().subscriptions().create(b.build());
  }

  /** Sends one meter event for the customer; {@code value} null sends none (for count). */
  String use(Meter meter, Customer customer, String value, long timestamp) throws StripeException {
    String id = UUID.randomUUID().toString();
    var b =
        MeterEventCreateParams.builder()
            .setEventName(meter.getEventName())
            .setIdentifier(id)
            .setTimestamp(timestamp)
            .putPayload("stripe_customer_id", customer.getId());
    if (value != null) {
      b.putPayload("value", value);
    }
    stripe.v1().billing().meterEvents().create(b.build());
    return id;
  }

  /** Cancels a meter event by its identifier. */
  void cancel(Meter meter, String identifier) throws StripeException {
    stripe
        .v1()
        .billing()
        .meterEventAdjustments()
        .create(
            MeterEventAdjustmentCreateParams.builder()
                .setEventName(meter.getEventName())
                .setType(MeterEventAdjustmentCreateParams.Type.CANCEL)
                .setCancel(
                    MeterEventAdjustmentCreateParams.Cancel.builder()
                        .setIdentifier(identifier)
                        .build())
                .build());
  }
}
