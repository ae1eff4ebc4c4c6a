package tally.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.checkout.CheckoutFixtures.adhoc;
import static tally.checkout.CheckoutFixtures.expandedLineItems;
import static tally.checkout.CheckoutFixtures.priced;
import static tally.checkout.CheckoutFixtures.session;
import static tally.testing.Fixtures.priceParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.LineItem;
import com.stripe.model.Price;
import com.stripe.model.checkout.Session;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionUpdateParams;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class CheckoutTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Session create(SessionCreateParams.Builder session) throws StripeException {
    return CheckoutFixtures.create(stripe, session);
  }

  @Test
  void createComputesTotalsAndPointsAtTheHostedPage() throws StripeException {
    Price price = stripe.v1().prices().create(priceParams(500, "Mug").build());
    Session s =
        create(
            session()
                .addLineItem(priced(price, 2))
                .addLineItem(adhoc(1500, 1))
                .setClientReferenceId("order-9")
                .putMetadata("cart", "42"));
    assertThat(s.getId()).startsWith("cs_test_");
    assertThat(s.getStatus()).isEqualTo("open");
    assertThat(s.getPaymentStatus()).isEqualTo("unpaid");
    assertThat(s.getAmountSubtotal()).isEqualTo(2500L);
    assertThat(s.getAmountTotal()).isEqualTo(2500L);
    assertThat(s.getCurrency()).isEqualTo("usd");
    assertThat(s.getUrl()).startsWith(SERVER.baseUrl() + "/c/pay/" + s.getId() + "#");
    assertThat(s.getUrl().substring(s.getUrl().indexOf('#') + 1)).hasSizeGreaterThan(20);
    assertThat(s.getClientReferenceId()).isEqualTo("order-9");
    assertThat(s.getMetadata()).containsEntry("cart", "42");
    var items = stripe.v1().checkout().sessions().lineItems().list(s.getId()).getData();
    assertThat(items).extracting(LineItem::getAmountTotal).containsExactly(1000L, 1500L);
    assertThat(items.getFirst().getPrice().getId()).isEqualTo(price.getId());
    assertThat(expandedLineItems(stripe, s)).hasSize(2);
    Session updated =
        stripe
            .v1()
            .checkout()
            .sessions()
            .update(s.getId(), SessionUpdateParams.builder().putMetadata("cart", "43").build());
    assertThat(updated.getMetadata()).containsEntry("cart", "43");
  }

  @Test
  void expireByApiAndByTheClock() throws StripeException {
    Session s = create(session().addLineItem(adhoc(1000, 1)));
    Session expired = stripe.v1().checkout().sessions().expire(s.getId());
    assertThat(expired.getStatus()).isEqualTo("expired");
    assertThat(expired.getUrl()).isNull();
    assertStripeError(() -> stripe.v1().checkout().sessions().expire(s.getId()))
        .isInvalidRequest()
        .hasMessage("Only Checkout Sessions with a status in [\"open\"] can be expired.");
    Session timed =
        create(
            session().addLineItem(adhoc(1000, 1)).setExpiresAt(SERVER.clock().nowSeconds() + 3600));
    SERVER.clock().advance(Duration.ofMinutes(61));
    try {
      SERVER.runJobs();
    } finally {
      SERVER.clock().advance(Duration.ofMinutes(-61));
    }
    assertThat(stripe.v1().checkout().sessions().retrieve(timed.getId()).getStatus())
        .isEqualTo("expired");
    assertThat(
            stripe
                .v1()
                .checkout()
                .sessions()
                .list(
                    SessionListParams.builder().setStatus(SessionListParams.Status.EXPIRED).build())
                .getData())
        .hasSize(2);
  }

  @Test
  void validationErrors() throws StripeException {
    assertStripeError(() -> create(session())).isInvalidRequest().hasParam("line_items");
    assertStripeError(() ->
            create(
                session()
                    .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).build())))
        .isInvalidRequest()
        .hasMessageStartingWith("You must provide either price or price_data");
    Price recurring =
        stripe
            .v1()
            .prices()
            .create(
                priceParams(500, "Plan")
                    .setRecurring(
                        PriceCreateParams.Recurring.builder()
                            .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                            .build())
                    .build());
    assertStripeError(() -> create(session().addLineItem(priced(recurring, 1))))
        .isInvalidRequest()
        .hasParam("line_items[0]")
        .hasMessageStartingWith("You specified `payment` mode but passed a recurring price.");
    assertStripeError(() ->
            create(
                session()
                    .addLineItem(adhoc(100, 1))
                    .setExpiresAt(SERVER.clock().nowSeconds() + 60)))
        .isInvalidRequest()
        .hasParam("expires_at");
    assertStripeError(() ->
            create(
                session()
                    .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                    .addLineItem(adhoc(100, 1))))
        .isInvalidRequest()
        .hasParam("line_items")
        .hasMessage(
            "You must provide at least one recurring price in `subscription` mode when using"
                + " prices.");
    assertStripeError(() -> create(session().addLineItem(adhoc(100, 1)).setCustomer("cus_nope")))
        .isInvalidRequest()
        .hasStatus(404);
    assertStripeError(() -> stripe.v1().checkout().sessions().retrieve("cs_test_nope"))
        .isInvalidRequest()
        .hasStatus(404);
  }
}
