package tally.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.meterParams;
import static tally.testing.Fixtures.priceParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.billing.Meter;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.billing.MeterCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class CatalogTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  /** A price in usd for a product that exists (or not, for the tests of refusals). */
  private static PriceCreateParams.Builder priceOf(String product, long unitAmount) {
    return PriceCreateParams.builder()
        .setCurrency("usd")
        .setUnitAmount(unitAmount)
        .setProduct(product);
  }

  private Price create(PriceCreateParams.Builder price) throws StripeException {
    return stripe.v1().prices().create(price.build());
  }

  @Test
  void productWithADefaultPrice() throws StripeException {
    Product p =
        stripe
            .v1()
            .products()
            .create(
                ProductCreateParams.builder()
                    .setName("Gold plan")
                    .setDefaultPriceData(
                        ProductCreateParams.DefaultPriceData.builder()
                            .setCurrency("usd")
                            .setUnitAmount(1500L)
                            .build())
                    .build());
    assertThat(p.getId()).startsWith("prod_");
    assertThat(p.getActive()).isTrue();
    assertThat(p.getDefaultPrice()).startsWith("price_");
    Price price = stripe.v1().prices().retrieve(p.getDefaultPrice());
    assertThat(price.getProduct()).isEqualTo(p.getId());
    assertThat(price.getUnitAmount()).isEqualTo(1500L);
    assertThat(price.getUnitAmountDecimal()).isEqualByComparingTo("1500");
    assertThat(price.getType()).isEqualTo("one_time");
    assertThat(price.getLastResponse().body()).contains("\"unit_amount_decimal\": \"1500\"");
  }

  @Test
  void customProductIdsAndDuplicates() throws StripeException {
    stripe
        .v1()
        .products()
        .create(ProductCreateParams.builder().setId("gold").setName("Gold").build());
    assertThat(stripe.v1().products().retrieve("gold").getName()).isEqualTo("Gold");
    assertStripeError(() ->
            stripe
                .v1()
                .products()
                .create(ProductCreateParams.builder().setId("gold").setName("Again").build()))
        .isInvalidRequest()
        .hasCode("resource_already_exists");
    assertStripeError(() -> stripe.v1().products().create(ProductCreateParams.builder().build()))
        .isInvalidRequest()
        .hasCode("parameter_missing")
        .hasParam("name");
  }

  @Test
  void recurringMeteredAndTieredPrices() throws StripeException {
    Product p = stripe.v1().products().create(ProductCreateParams.builder().setName("API").build());
    Meter meter =
        stripe
            .v1()
            .billing()
            .meters()
            .create(
                meterParams(
                        "calls", "catalog_calls", MeterCreateParams.DefaultAggregation.Formula.SUM)
                    .build());
    Price metered =
        create(
            PriceCreateParams.builder()
                .setProduct(p.getId())
                .setCurrency("usd")
                .setUnitAmountDecimal(new java.math.BigDecimal("0.25"))
                .setRecurring(Fixtures.meteredMonthly(meter)));
    assertThat(metered.getType()).isEqualTo("recurring");
    assertThat(metered.getRecurring().getMeter()).isEqualTo(meter.getId());
    assertThat(metered.getUnitAmount()).isNull();
    assertThat(metered.getUnitAmountDecimal()).isEqualByComparingTo("0.25");
    Price tiered =
        stripe
            .v1()
            .prices()
            .create(
                PriceCreateParams.builder()
                    .setProduct(p.getId())
                    .setCurrency("usd")
                    .setBillingScheme(PriceCreateParams.BillingScheme.TIERED)
                    .setTiersMode(PriceCreateParams.TiersMode.GRADUATED)
                    .addTier(
                        PriceCreateParams.Tier.builder().setUpTo(100L).setUnitAmount(10L).build())
                    .addTier(
                        PriceCreateParams.Tier.builder()
                            .setUpTo(PriceCreateParams.Tier.UpTo.INF)
                            .setUnitAmount(5L)
                            .build())
                    .setRecurring(
                        PriceCreateParams.Recurring.builder()
                            .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                            .build())
                    .build());
    assertThat(tiered.getBillingScheme()).isEqualTo("tiered");
    assertThat(tiered.getTiersMode()).isEqualTo("graduated");
    assertThat(tiered.getTiers().getFirst().getUnitAmountDecimal()).isEqualByComparingTo("10");
    assertThat(tiered.getTiers().getLast().getUpTo()).isNull();

    // Since basil a metered price names its meter; tiers climb; packages are not tiered.
    assertStripeError(() ->
            create(
                priceOf(p.getId(), 1)
                    .setRecurring(
                        PriceCreateParams.Recurring.builder()
                            .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                            .setUsageType(PriceCreateParams.Recurring.UsageType.METERED)
                            .build())))
        .isInvalidRequest()
        .hasParam("recurring[meter]");
    PriceCreateParams.Builder descending =
        PriceCreateParams.builder()
            .setCurrency("usd")
            .setProduct(p.getId())
            .setBillingScheme(PriceCreateParams.BillingScheme.TIERED)
            .setTiersMode(PriceCreateParams.TiersMode.VOLUME)
            .addTier(PriceCreateParams.Tier.builder().setUpTo(100L).setUnitAmount(10L).build())
            .addTier(PriceCreateParams.Tier.builder().setUpTo(50L).setUnitAmount(5L).build())
            .addTier(
                PriceCreateParams.Tier.builder()
                    .setUpTo(PriceCreateParams.Tier.UpTo.INF)
                    .setUnitAmount(1L)
                    .build())
            .setRecurring(Fixtures.meteredMonthly(meter));
    assertStripeError(() -> create(descending)).isInvalidRequest().hasParam("tiers[1][up_to]");
    var halfCentEach =
        PriceCreateParams.Tier.builder()
            .setUpTo(PriceCreateParams.Tier.UpTo.INF)
            .setUnitAmountDecimal(new java.math.BigDecimal("0.5"))
            .build();
    assertStripeError(() ->
            create(
                priceOf(p.getId(), 1)
                    .setUnitAmount((Long) null)
                    .setBillingScheme(PriceCreateParams.BillingScheme.TIERED)
                    .setTiersMode(PriceCreateParams.TiersMode.VOLUME)
                    .addTier(halfCentEach)
                    .setTransformQuantity(
                        PriceCreateParams.TransformQuantity.builder()
                            .setDivideBy(10L)
                            .setRound(PriceCreateParams.TransformQuantity.Round.UP)
                            .build())
                    .setRecurring(Fixtures.meteredMonthly(meter))))
        .isInvalidRequest()
        .hasParam("transform_quantity");
    Price fractional =
        create(
            PriceCreateParams.builder()
                .setCurrency("usd")
                .setProduct(p.getId())
                .setBillingScheme(PriceCreateParams.BillingScheme.TIERED)
                .setTiersMode(PriceCreateParams.TiersMode.VOLUME)
                .addTier(halfCentEach)
                .setRecurring(Fixtures.meteredMonthly(meter)));
    assertThat(fractional.getTiers().getFirst().getUnitAmount()).isNull();
    assertThat(fractional.getTiers().getFirst().getUnitAmountDecimal()).isEqualByComparingTo("0.5");
    stripe.v1().billing().meters().deactivate(meter.getId());
    assertStripeError(
            () -> create(priceOf(p.getId(), 1).setRecurring(Fixtures.meteredMonthly(meter))))
        .isInvalidRequest()
        .hasParam("recurring[meter]");
  }

  @Test
  void pricesAreImmutableExceptTheirLabels() throws StripeException {
    Price price = create(priceParams(900, "Made inline").setLookupKey("standard"));
    Price updated =
        stripe
            .v1()
            .prices()
            .update(
                price.getId(),
                PriceUpdateParams.builder()
                    .setNickname("Std")
                    .setActive(false)
                    .putMetadata("k", "v")
                    .build());
    assertThat(updated.getNickname()).isEqualTo("Std");
    assertThat(updated.getActive()).isFalse();
    assertStripeError(() ->
            stripe
                .v1()
                .prices()
                .update(
                    price.getId(),
                    PriceUpdateParams.builder().putExtraParam("unit_amount", 5).build()))
        .isInvalidRequest()
        .hasParam("unit_amount");
    assertStripeError(() -> create(priceOf(price.getProduct(), 1).setLookupKey("standard")))
        .isInvalidRequest()
        .hasParam("lookup_key");
    Price moved =
        create(priceOf(price.getProduct(), 1).setLookupKey("standard").setTransferLookupKey(true));
    assertThat(moved.getLookupKey()).isEqualTo("standard");
    assertThat(stripe.v1().prices().retrieve(price.getId()).getLookupKey()).isNull();
    assertThat(
            stripe
                .v1()
                .prices()
                .list(PriceListParams.builder().addLookupKey("standard").build())
                .getData())
        .extracting(Price::getId)
        .containsExactly(moved.getId());
  }

  @Test
  void aProductWithPricesCannotBeDeleted() throws StripeException {
    Product withPrice =
        stripe
            .v1()
            .products()
            .create(
                ProductCreateParams.builder()
                    .setName("Keep")
                    .setDefaultPriceData(
                        ProductCreateParams.DefaultPriceData.builder()
                            .setCurrency("usd")
                            .setUnitAmount(100L)
                            .build())
                    .build());
    assertStripeError(() -> stripe.v1().products().delete(withPrice.getId())).isInvalidRequest();
    Product empty =
        stripe.v1().products().create(ProductCreateParams.builder().setName("Drop").build());
    assertThat(stripe.v1().products().delete(empty.getId()).getDeleted()).isTrue();
    assertStripeError(() -> create(priceOf(empty.getId(), 1))).isInvalidRequest().hasStatus(404);
  }

  @Test
  void productsListAndUpdate() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    Product a = fresh.v1().products().create(ProductCreateParams.builder().setName("A").build());
    Product b =
        fresh
            .v1()
            .products()
            .create(ProductCreateParams.builder().setName("B").setActive(false).build());
    assertThat(
            fresh
                .v1()
                .products()
                .list(ProductListParams.builder().setActive(true).build())
                .getData())
        .extracting(Product::getId)
        .containsExactly(a.getId());
    assertThat(
            fresh
                .v1()
                .products()
                .list(ProductListParams.builder().addId(b.getId()).build())
                .getData())
        .extracting(Product::getId)
        .containsExactly(b.getId());
    Product renamed =
        fresh
            .v1()
            .products()
            .update(
                a.getId(), ProductUpdateParams.builder().setName("A2").setDescription("d").build());
    assertThat(renamed.getName()).isEqualTo("A2");
    assertThat(renamed.getDescription()).isEqualTo("d");
  }

  @Test
  void priceValidation() {
    assertStripeError(
            () -> create(PriceCreateParams.builder().setCurrency("usd").setUnitAmount(1L)))
        .isInvalidRequest()
        .hasParam("product");
    assertStripeError(() -> create(priceOf("prod_x", -1)))
        .isInvalidRequest()
        .hasParam("unit_amount");
  }
}
