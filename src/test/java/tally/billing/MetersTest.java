package tally.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.meterParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.Meter;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterCreateParams.DefaultAggregation.Formula;
import com.stripe.param.billing.MeterListParams;
import com.stripe.param.billing.MeterUpdateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class MetersTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private static Meter create(StripeClient client, String eventName, Formula formula)
      throws StripeException {
    return client
        .v1()
        .billing()
        .meters()
        .create(meterParams("API calls", eventName, formula).build());
  }

  private Meter create(MeterCreateParams.Builder meter) throws StripeException {
    return stripe.v1().billing().meters().create(meter.build());
  }

  @Test
  void createFillsDefaultsAndRetrieveReturnsTheSameMeter() throws StripeException {
    Meter m = create(stripe, "api_calls", Formula.SUM);
    assertThat(m.getId()).startsWith("mtr_test_");
    assertThat(m.getObject()).isEqualTo("billing.meter");
    assertThat(m.getStatus()).isEqualTo("active");
    assertThat(m.getCustomerMapping().getEventPayloadKey()).isEqualTo("stripe_customer_id");
    assertThat(m.getCustomerMapping().getType()).isEqualTo("by_id");
    assertThat(m.getValueSettings().getEventPayloadKey()).isEqualTo("value");
    assertThat(m.getDefaultAggregation().getFormula()).isEqualTo("sum");
    assertThat(m.getEventTimeWindow()).isNull();
    assertThat(m.getStatusTransitions().getDeactivatedAt()).isNull();
    assertThat(stripe.v1().billing().meters().retrieve(m.getId()).toJson()).isEqualTo(m.toJson());
  }

  @Test
  void eventNameIsUniqueEvenAfterDeactivation() throws StripeException {
    Meter m = create(stripe, "unique_evt", Formula.COUNT);
    stripe.v1().billing().meters().deactivate(m.getId());
    assertStripeError(() -> create(stripe, "unique_evt", Formula.SUM))
        .isInvalidRequest()
        .hasParam("event_name");
  }

  @Test
  void onlyTheDisplayNameCanChange() throws StripeException {
    Meter m = create(stripe, "rename_me", Formula.SUM);
    Meter renamed =
        stripe
            .v1()
            .billing()
            .meters()
            .update(m.getId(), MeterUpdateParams.builder().setDisplayName("Renamed").build());
    assertThat(renamed.getDisplayName()).isEqualTo("Renamed");
    assertThat(renamed.getEventName()).isEqualTo("rename_me");
    assertStripeError(() ->
            stripe
                .v1()
                .billing()
                .meters()
                .update(
                    m.getId(),
                    MeterUpdateParams.builder().putExtraParam("event_name", "x").build()))
        .isInvalidRequest()
        .hasCode("parameter_unknown")
        .hasParam("event_name");
  }

  @Test
  void deactivateAndReactivateFollowTheStateMachine() throws StripeException {
    Meter m = create(stripe, "toggle", Formula.SUM);
    Meter off = stripe.v1().billing().meters().deactivate(m.getId());
    assertThat(off.getStatus()).isEqualTo("inactive");
    assertThat(off.getStatusTransitions().getDeactivatedAt()).isNotNull();
    assertStripeError(() -> stripe.v1().billing().meters().deactivate(m.getId()))
        .isInvalidRequest();
    Meter on = stripe.v1().billing().meters().reactivate(m.getId());
    assertThat(on.getStatus()).isEqualTo("active");
    assertStripeError(() -> stripe.v1().billing().meters().reactivate(m.getId()))
        .isInvalidRequest();
  }

  @Test
  void listFiltersByStatus() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    Meter a = create(fresh, "a_evt", Formula.SUM);
    Meter b = create(fresh, "b_evt", Formula.SUM);
    fresh.v1().billing().meters().deactivate(a.getId());
    assertThat(fresh.v1().billing().meters().list().getData())
        .extracting(Meter::getId)
        .containsExactly(b.getId(), a.getId());
    assertThat(
            fresh
                .v1()
                .billing()
                .meters()
                .list(MeterListParams.builder().setStatus(MeterListParams.Status.ACTIVE).build())
                .getData())
        .extracting(Meter::getId)
        .containsExactly(b.getId());
  }

  @Test
  void missingAndInvalidParametersAreRefused() {
    assertStripeError(
            () -> create(MeterCreateParams.builder().setDisplayName("x").setEventName("no_agg")))
        .isInvalidRequest()
        .hasCode("parameter_missing")
        .hasParam("default_aggregation");
    assertStripeError(() -> stripe.v1().billing().meters().retrieve("mtr_test_nope"))
        .isInvalidRequest()
        .hasStatus(404)
        .hasMessage("No such meter: 'mtr_test_nope'");
    assertStripeError(() ->
            create(
                meterParams("x", "meta", Formula.SUM)
                    .putExtraParam("metadata", java.util.Map.of("a", "b"))))
        .isInvalidRequest()
        .hasCode("parameter_unknown");
  }
}
