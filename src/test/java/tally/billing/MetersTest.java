package tally.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.Meter;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterListParams;
import com.stripe.param.billing.MeterUpdateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class MetersTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  static MeterCreateParams meter(
      String eventName, MeterCreateParams.DefaultAggregation.Formula formula) {
    return MeterCreateParams.builder()
        .setDisplayName("API calls")
        .setEventName(eventName)
        .setDefaultAggregation(
            MeterCreateParams.DefaultAggregation.builder().setFormula(formula).build())
        .build();
  }

  @Test
  void createFillsDefaultsAndRetrieveReturnsTheSameMeter() throws StripeException {
    Meter m =
        stripe
            .v1()
            .billing()
            .meters()
            .create(meter("api_calls", MeterCreateParams.DefaultAggregation.Formula.SUM));
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
    Meter m =
        stripe
            .v1()
            .billing()
            .meters()
            .create(meter("unique_evt", MeterCreateParams.DefaultAggregation.Formula.COUNT));
    stripe.v1().billing().meters().deactivate(m.getId());
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billing()
                .meters()
                .create(meter("unique_evt", MeterCreateParams.DefaultAggregation.Formula.SUM)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("event_name"));
  }

  @Test
  void onlyTheDisplayNameCanChange() throws StripeException {
    Meter m =
        stripe
            .v1()
            .billing()
            .meters()
            .create(meter("rename_me", MeterCreateParams.DefaultAggregation.Formula.SUM));
    Meter renamed =
        stripe
            .v1()
            .billing()
            .meters()
            .update(m.getId(), MeterUpdateParams.builder().setDisplayName("Renamed").build());
    assertThat(renamed.getDisplayName()).isEqualTo("Renamed");
    assertThat(renamed.getEventName()).isEqualTo("rename_me");
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billing()
                .meters()
                .update(
                    m.getId(),
                    MeterUpdateParams.builder().putExtraParam("event_name", "x").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("parameter_unknown");
              assertThat(e.getParam()).isEqualTo("event_name");
            });
  }

  @Test
  void deactivateAndReactivateFollowTheStateMachine() throws StripeException {
    Meter m =
        stripe
            .v1()
            .billing()
            .meters()
            .create(meter("toggle", MeterCreateParams.DefaultAggregation.Formula.SUM));
    Meter off = stripe.v1().billing().meters().deactivate(m.getId());
    assertThat(off.getStatus()).isEqualTo("inactive");
    assertThat(off.getStatusTransitions().getDeactivatedAt()).isNotNull();
    assertThatThrownBy(() -> stripe.v1().billing().meters().deactivate(m.getId()))
        .isInstanceOf(InvalidRequestException.class);
    Meter on = stripe.v1().billing().meters().reactivate(m.getId());
    assertThat(on.getStatus()).isEqualTo("active");
    assertThatThrownBy(() -> stripe.v1().billing().meters().reactivate(m.getId()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void listFiltersByStatus() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    Meter a =
        fresh
            .v1()
            .billing()
            .meters()
            .create(meter("a_evt", MeterCreateParams.DefaultAggregation.Formula.SUM));
    Meter b =
        fresh
            .v1()
            .billing()
            .meters()
            .create(meter("b_evt", MeterCreateParams.DefaultAggregation.Formula.SUM));
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
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billing()
                .meters()
                .create(
                    MeterCreateParams.builder().setDisplayName("x").setEventName("no_agg").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("parameter_missing");
              assertThat(e.getParam()).isEqualTo("default_aggregation");
            });
    assertThatThrownBy(() -> stripe.v1().billing().meters().retrieve("mtr_test_nope"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("No such meter: 'mtr_test_nope'");
            });
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billing()
                .meters()
                .create(
                    MeterCreateParams.builder()
                        .setDisplayName("x")
                        .setEventName("meta")
                        .setDefaultAggregation(
                            MeterCreateParams.DefaultAggregation.builder()
                                .setFormula(MeterCreateParams.DefaultAggregation.Formula.SUM)
                                .build())
                        .putExtraParam("metadata", java.util.Map.of("a", "b"))
                        .build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.getCode()).isEqualTo("parameter_unknown"));
  }
}
