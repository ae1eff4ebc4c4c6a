package tally.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;
import static tally.testing.Fixtures.meterParams;
import static tally.testing.Fixtures.sumMeter;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.Alert;
import com.stripe.model.billing.Meter;
import com.stripe.param.billing.AlertCreateParams;
import com.stripe.param.billing.AlertListParams;
import com.stripe.param.billing.MeterCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class AlertsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  static AlertCreateParams alert(String meter, long gte, String customer) {
    var threshold =
        AlertCreateParams.UsageThreshold.builder()
            .setGte(gte)
            .setMeter(meter)
            .setRecurrence(AlertCreateParams.UsageThreshold.Recurrence.ONE_TIME);
    if (customer != null) {
      threshold.addFilter(
          AlertCreateParams.UsageThreshold.Filter.builder()
              .setType(AlertCreateParams.UsageThreshold.Filter.Type.CUSTOMER)
              .setCustomer(customer)
              .build());
    }
    return AlertCreateParams.builder()
        .setTitle("Usage above " + gte)
        .setAlertType(AlertCreateParams.AlertType.USAGE_THRESHOLD)
        .setUsageThreshold(threshold.build())
        .build();
  }

  @Test
  void createRendersTheAlert() throws StripeException {
    Meter m = sumMeter(stripe, "alert_render");
    Alert a = stripe.v1().billing().alerts().create(alert(m.getId(), 100, "cus_a"));
    assertThat(a.getId()).startsWith("alrt_");
    assertThat(a.getObject()).isEqualTo("billing.alert");
    assertThat(a.getStatus()).isEqualTo("active");
    assertThat(a.getAlertType()).isEqualTo("usage_threshold");
    assertThat(a.getUsageThreshold().getGte()).isEqualTo(100L);
    assertThat(a.getUsageThreshold().getMeter()).isEqualTo(m.getId());
    assertThat(a.getUsageThreshold().getRecurrence()).isEqualTo("one_time");
    assertThat(a.getUsageThreshold().getFilters())
        .singleElement()
        .satisfies(f -> assertThat(f.getCustomer()).isEqualTo("cus_a"));
    assertThat(stripe.v1().billing().alerts().retrieve(a.getId()).toJson()).isEqualTo(a.toJson());
  }

  @Test
  void anAlertFiresOncePerCustomerEvenUnderConcurrentEvents() throws Exception {
    StripeClient fresh = SERVER.newClient();
    Meter m =
        fresh
            .v1()
            .billing()
            .meters()
            .create(
                meterParams("race", "race_evt", MeterCreateParams.DefaultAggregation.Formula.SUM)
                    .build());
    fresh.v1().billing().alerts().create(alert(m.getId(), 50, null));
    String even = customer(fresh, "even@example.com").getId();
    String odd = customer(fresh, "odd@example.com").getId();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
    var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
    for (int i = 0; i < 40; i++) {
      String customer = i % 2 == 0 ? even : odd;
      futures.add(
          pool.submit(() ->
              fresh
                  .v1()
                  .billing()
                  .meterEvents()
                  .create(
                      com.stripe.param.billing.MeterEventCreateParams.builder()
                          .setEventName("race_evt")
                          .putPayload("stripe_customer_id", customer)
                          .putPayload("value", "10")
                          .build())));
    }
    for (var f : futures) {
      f.get();
    }
    pool.shutdown();
    var triggered =
        fresh
            .v1()
            .events()
            .list(
                com.stripe.param.EventListParams.builder()
                    .setType("billing.alert.triggered")
                    .build())
            .getData();
    assertThat(triggered).hasSize(2);
    var fired =
        (com.stripe.model.billing.AlertTriggered)
            triggered.getFirst().getDataObjectDeserializer().deserializeUnsafe();
    assertThat(fired.getValue()).isGreaterThanOrEqualTo(50L);
    assertThat(triggered)
        .extracting(e ->
            ((com.stripe.model.billing.AlertTriggered)
                    e.getDataObjectDeserializer().deserializeUnsafe())
                .getCustomer())
        .containsExactlyInAnyOrder(even, odd);
  }

  @Test
  void stateMachineActiveInactiveArchived() throws StripeException {
    Meter m = sumMeter(stripe, "alert_states");
    Alert a = stripe.v1().billing().alerts().create(alert(m.getId(), 10, null));
    assertThat(stripe.v1().billing().alerts().deactivate(a.getId()).getStatus())
        .isEqualTo("inactive");
    assertThat(stripe.v1().billing().alerts().activate(a.getId()).getStatus()).isEqualTo("active");
    assertThat(stripe.v1().billing().alerts().archive(a.getId()).getStatus()).isEqualTo("archived");
    assertStripeError(() -> stripe.v1().billing().alerts().activate(a.getId())).isInvalidRequest();
    assertThat(stripe.v1().billing().alerts().retrieve(a.getId()).getStatus())
        .isEqualTo("archived");
    assertThat(stripe.v1().billing().alerts().list().getData())
        .extracting(Alert::getId)
        .doesNotContain(a.getId());
  }

  @Test
  void listFiltersByMeter() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    Meter m1 = sumMeter(fresh, "m1");
    Meter m2 = sumMeter(fresh, "m2");
    Alert a1 = fresh.v1().billing().alerts().create(alert(m1.getId(), 5, null));
    fresh.v1().billing().alerts().create(alert(m2.getId(), 5, null));
    assertThat(
            fresh
                .v1()
                .billing()
                .alerts()
                .list(AlertListParams.builder().setMeter(m1.getId()).build())
                .getData())
        .extracting(Alert::getId)
        .containsExactly(a1.getId());
  }

  @Test
  void invalidAlertsAreRefused() throws StripeException {
    Meter m = sumMeter(stripe, "alert_invalid");
    assertStripeError(
            () -> stripe.v1().billing().alerts().create(alert("mtr_test_missing", 5, null)))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("usage_threshold[meter]");
    assertStripeError(() -> stripe.v1().billing().alerts().create(alert(m.getId(), 0, null)))
        .isInvalidRequest()
        .hasParam("usage_threshold[gte]");
    assertStripeError(() ->
            stripe
                .v1()
                .billing()
                .alerts()
                .create(
                    AlertCreateParams.builder()
                        .setAlertType(AlertCreateParams.AlertType.USAGE_THRESHOLD)
                        .setUsageThreshold(
                            AlertCreateParams.UsageThreshold.builder()
                                .setGte(5L)
                                .setMeter(m.getId())
                                .setRecurrence(AlertCreateParams.UsageThreshold.Recurrence.ONE_TIME)
                                .build())
                        .build()))
        .isInvalidRequest()
        .hasCode("parameter_missing")
        .hasParam("title");
  }
}
