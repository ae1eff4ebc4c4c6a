package tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.charge;
import static tally.testing.Fixtures.chargeParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.RefundCreateParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class EventsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static List<Event> events(StripeClient stripe) throws StripeException {
    return Fixtures.allEvents(stripe);
  }

  @Test
  void aChargeEmitsSucceededWithTheRequestThatCausedIt() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c =
        stripe
            .v1()
            .charges()
            .create(
                chargeParams("tok_visa", 2000).build(),
                RequestOptions.builder().setIdempotencyKey("evt-key-1").build());
    Event e = events(stripe).getFirst();
    assertThat(e.getId()).startsWith("evt_");
    assertThat(e.getType()).isEqualTo("charge.succeeded");
    assertThat(e.getRequest().getId()).isEqualTo(c.getLastResponse().requestId());
    assertThat(e.getRequest().getIdempotencyKey()).isEqualTo("evt-key-1");
    assertThat(e.getApiVersion()).isNotBlank();
    Charge inEvent = (Charge) e.getDataObjectDeserializer().deserializeUnsafe();
    assertThat(inEvent.getId()).isEqualTo(c.getId());
    assertThat(stripe.v1().events().retrieve(e.getId()).getType()).isEqualTo("charge.succeeded");
  }

  @Test
  void updatesCarryPreviousAttributesAndEventsComeInStripesOrder() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c =
        stripe.v1().charges().create(chargeParams("tok_visa", 2000).setDescription("old").build());
    stripe
        .v1()
        .charges()
        .update(c.getId(), ChargeUpdateParams.builder().setDescription("new").build());
    stripe
        .v1()
        .refunds()
        .create(RefundCreateParams.builder().setCharge(c.getId()).setAmount(500L).build());
    List<Event> all = events(stripe);
    assertThat(all)
        .extracting(Event::getType)
        .containsExactly("charge.refunded", "refund.created", "charge.updated", "charge.succeeded");
    Event updated = all.get(2);
    assertThat(updated.getData().getPreviousAttributes()).containsEntry("description", "old");
    assertThat(updated.getData().getPreviousAttributes()).doesNotContainKey("amount");
  }

  @Test
  void aDeclineEmitsChargeFailed() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    assertStripeError(() -> charge(stripe, "tok_chargeDeclined", 2000)).isCardError();
    assertThat(events(stripe)).extracting(Event::getType).containsExactly("charge.failed");
  }

  @Test
  void disputeCardsEmitDisputeEventsAfterTheCharge() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    charge(stripe, "tok_createDispute", 2000);
    assertThat(events(stripe))
        .extracting(Event::getType)
        .containsExactly(
            "charge.dispute.funds_withdrawn", "charge.dispute.created", "charge.succeeded");
  }

  @Test
  void listFiltersByTypeWildcardAndTypes() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c = charge(stripe, "tok_visa", 2000);
    stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(c.getId()).build());
    assertThat(
            stripe
                .v1()
                .events()
                .list(EventListParams.builder().setType("charge.*").build())
                .getData())
        .extracting(Event::getType)
        .containsExactly("charge.refunded", "charge.succeeded");
    assertThat(
            stripe
                .v1()
                .events()
                .list(
                    EventListParams.builder()
                        .addType("refund.created")
                        .addType("charge.succeeded")
                        .build())
                .getData())
        .extracting(Event::getType)
        .containsExactly("refund.created", "charge.succeeded");
    assertStripeError(() ->
            stripe
                .v1()
                .events()
                .list(
                    EventListParams.builder()
                        .setType("charge.succeeded")
                        .addType("refund.created")
                        .build()))
        .isInvalidRequest();
    assertStripeError(() -> stripe.v1().events().retrieve("evt_nope"))
        .isInvalidRequest()
        .hasStatus(404);
  }

  @Test
  void anotherAccountSeesNoneOfTheEvents() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    charge(stripe, "tok_visa", 2000);
    assertThat(events(SERVER.newClient())).isEmpty();
  }
}
