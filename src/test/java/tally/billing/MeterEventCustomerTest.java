package tally.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;
import static tally.testing.Fixtures.sumMeter;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEvent;
import com.stripe.model.v2.core.Event;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.v2.billing.MeterEventStreamCreateParams;
import com.stripe.param.v2.core.EventListParams;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.core.Json;
import tally.testing.TallyServer;

/**
 * An event naming a customer the account does not have: Stripe accepts the call, never counts the
 * event and reports it as {@code meter_event_customer_not_found}, on v1 and on both v2 paths.
 */
class MeterEventCustomerTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final String key = SERVER.newKey();
  private final StripeClient stripe = SERVER.client(key);

  private BigDecimal usage(Meter m, String customer) throws StripeException {
    return tally.testing.Fixtures.usage(stripe, SERVER.clock().nowSeconds(), m, customer, 1);
  }

  /** The error types of the meter's one error report, as sent (stripe-java has no getters). */
  private List<JsonNode> reportedErrors(Meter m) throws Exception {
    List<Event> reports =
        stripe
            .v2()
            .core()
            .events()
            .list(EventListParams.builder().setObjectId(m.getId()).build())
            .getData();
    assertThat(reports)
        .extracting(Event::getType)
        .containsOnly("v1.billing.meter.error_report_triggered");
    List<JsonNode> types = new ArrayList<>();
    for (Event report : reports) {
      var raw = SERVER.raw("GET", "/v2/core/events/" + report.getId(), key, null, Map.of());
      Json.tree(raw.body()).path("data").path("reason").path("error_types").forEach(types::add);
    }
    return types;
  }

  private MeterEvent v1(String customer, String value, String identifier) throws StripeException {
    return stripe
        .v1()
        .billing()
        .meterEvents()
        .create(
            MeterEventCreateParams.builder()
                .setEventName("known_calls")
                .putPayload("stripe_customer_id", customer)
                .putPayload("value", value)
                .setIdentifier(identifier)
                .build());
  }

  @Test
  void v1AcceptsAnUnknownOrDeletedCustomersEventButNeverCountsIt() throws Exception {
    Meter m = sumMeter(stripe, "known_calls");
    String known = customer(stripe, "known@example.com").getId();
    String deleted = customer(stripe, "gone@example.com").getId();
    stripe.v1().customers().delete(deleted);

    v1(known, "4", "ok");
    MeterEvent unknown = v1("cus_nobody", "1000", "to-nobody");
    assertThat(unknown.getIdentifier()).isEqualTo("to-nobody");
    assertThat(unknown.getPayload()).containsEntry("stripe_customer_id", "cus_nobody");
    v1(deleted, "1000", "to-deleted");

    assertThat(usage(m, known)).isEqualByComparingTo("4");
    assertThat(usage(m, "cus_nobody")).isEqualByComparingTo("0");
    assertThat(usage(m, deleted)).isEqualByComparingTo("0");
    List<JsonNode> errors = reportedErrors(m);
    assertThat(errors).hasSize(2);
    Map<String, String> messages = new java.util.HashMap<>();
    for (JsonNode type : errors) {
      assertThat(type.path("code").asText()).isEqualTo("meter_event_customer_not_found");
      assertThat(type.path("error_count").asInt()).isEqualTo(1);
      JsonNode sample = type.path("sample_errors").get(0);
      messages.put(
          sample.path("request").path("identifier").asText(),
          sample.path("error_message").asText());
    }
    assertThat(messages)
        .containsEntry("to-nobody", "Customer cus_nobody not found.")
        .containsEntry("to-deleted", "Customer " + deleted + " not found.");
    // The refused event did not take its identifier: once the customer exists it counts.
    assertThat(v1(known, "6", "to-nobody").getIdentifier()).isEqualTo("to-nobody");
    assertThat(usage(m, known)).isEqualByComparingTo("10");
  }

  @Test
  void v2AcceptsUnknownCustomersEventsOnBothPathsAndReportsThemOnce() throws Exception {
    Meter m = sumMeter(stripe, "known_calls");
    String known = customer(stripe, "known@example.com").getId();
    var single =
        stripe
            .v2()
            .billing()
            .meterEvents()
            .create(
                com.stripe.param.v2.billing.MeterEventCreateParams.builder()
                    .setEventName("known_calls")
                    .putPayload("stripe_customer_id", "cus_nobody")
                    .putPayload("value", "50")
                    .setIdentifier("single-nobody")
                    .build());
    assertThat(single.getIdentifier()).isEqualTo("single-nobody");

    String token = stripe.v2().billing().meterEventSession().create().getAuthenticationToken();
    StripeClient streaming =
        StripeClient.builder()
            .setApiKey(token)
            .setMeterEventsBase(SERVER.baseUrl())
            .setMaxNetworkRetries(0)
            .build();
    Instant now = Instant.ofEpochSecond(SERVER.clock().nowSeconds());
    List<MeterEventStreamCreateParams.Event> events = new ArrayList<>();
    for (String customer : List.of(known, "cus_nobody", known, "cus_nobody", "cus_ghost")) {
      events.add(
          MeterEventStreamCreateParams.Event.builder()
              .setEventName("known_calls")
              .putPayload("stripe_customer_id", customer)
              .putPayload("value", "2")
              .setTimestamp(now)
              .build());
    }
    streaming
        .v2()
        .billing()
        .meterEventStream()
        .create(MeterEventStreamCreateParams.builder().addAllEvent(events).build());

    assertThat(usage(m, known)).isEqualByComparingTo("4");
    assertThat(usage(m, "cus_nobody")).isEqualByComparingTo("0");
    assertThat(usage(m, "cus_ghost")).isEqualByComparingTo("0");
    List<JsonNode> errors = reportedErrors(m);
    assertThat(errors)
        .extracting(t -> t.path("code").asText())
        .containsOnly("meter_event_customer_not_found");
    int count = 0;
    for (JsonNode type : errors) {
      count += type.path("error_count").asInt();
    }
    assertThat(count).as("one for the single event, three in the stream").isEqualTo(4);
  }
}
