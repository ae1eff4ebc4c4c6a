package tally.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tally.testing.Fixtures.customer;
import static tally.testing.Fixtures.sumMeter;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.events.V1BillingMeterErrorReportTriggeredEvent;
import com.stripe.exception.StripeException;
import com.stripe.exception.TemporarySessionExpiredException;
import com.stripe.model.billing.Meter;
import com.stripe.model.v2.billing.MeterEventAdjustment;
import com.stripe.model.v2.billing.MeterEventSession;
import com.stripe.model.v2.core.Event;
import com.stripe.param.v2.billing.MeterEventAdjustmentCreateParams;
import com.stripe.param.v2.billing.MeterEventCreateParams;
import com.stripe.param.v2.billing.MeterEventStreamCreateParams;
import com.stripe.param.v2.core.EventListParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** The v2 high-throughput path over stripe-java: sessions, the stream, v2 events, adjustments. */
class MeterEventStreamTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final String key = SERVER.newKey();
  private final StripeClient stripe = SERVER.client(key);

  private StripeClient streamClient(MeterEventSession session) {
    return StripeClient.builder()
        .setApiKey(session.getAuthenticationToken())
        .setApiBase(SERVER.baseUrl())
        .setMeterEventsBase(SERVER.baseUrl())
        .setMaxNetworkRetries(0)
        .build();
  }

  private static MeterEventStreamCreateParams.Event event(
      String name, String customer, String value, Instant at, String identifier) {
    var b =
        MeterEventStreamCreateParams.Event.builder()
            .setEventName(name)
            .putPayload("stripe_customer_id", customer)
            .putPayload("value", value)
            .setTimestamp(at);
    return identifier == null ? b.build() : b.setIdentifier(identifier).build();
  }

  private void stream(StripeClient client, List<MeterEventStreamCreateParams.Event> events)
      throws StripeException {
    client
        .v2()
        .billing()
        .meterEventStream()
        .create(MeterEventStreamCreateParams.builder().addAllEvent(events).build());
  }

  private BigDecimal usage(Meter m, String customer) throws StripeException {
    return tally.testing.Fixtures.usage(stripe, SERVER.clock().nowSeconds(), m, customer, 30);
  }

  private Instant now() {
    return Instant.ofEpochSecond(SERVER.clock().nowSeconds());
  }

  @Test
  void aSessionTokenStreamsEventsThatSummariesCountAndAnAdjustmentCancelsOne() throws Exception {
    String cusS = customer(stripe, "s@example.com").getId();
    Meter m = sumMeter(stripe, "stream_calls");
    MeterEventSession session = stripe.v2().billing().meterEventSession().create();
    assertThat(session.getObject()).isEqualTo("v2.billing.meter_event_session");
    assertThat(session.getAuthenticationToken()).isNotBlank();
    assertThat(Duration.between(session.getCreated(), session.getExpiresAt()))
        .isEqualTo(Duration.ofMinutes(15));

    StripeClient streaming = streamClient(session);
    List<MeterEventStreamCreateParams.Event> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(event("stream_calls", cusS, "2", now().minusSeconds(60), "s-" + i));
    }
    stream(streaming, events);
    // The identifier is the stream's retry key: sending the batch again counts nothing twice.
    stream(streaming, events);
    assertThat(usage(m, cusS)).isEqualByComparingTo("200");

    var single =
        stripe
            .v2()
            .billing()
            .meterEvents()
            .create(
                MeterEventCreateParams.builder()
                    .setEventName("stream_calls")
                    .putPayload("stripe_customer_id", cusS)
                    .putPayload("value", "5")
                    .setIdentifier("single-1")
                    .build());
    assertThat(single.getObject()).isEqualTo("v2.billing.meter_event");
    assertThat(single.getIdentifier()).isEqualTo("single-1");
    assertThat(single.getPayload()).containsEntry("value", "5");
    assertThat(usage(m, cusS)).isEqualByComparingTo("205");

    MeterEventAdjustment adjustment =
        stripe
            .v2()
            .billing()
            .meterEventAdjustments()
            .create(
                MeterEventAdjustmentCreateParams.builder()
                    .setEventName("stream_calls")
                    .setType(MeterEventAdjustmentCreateParams.Type.CANCEL)
                    .setCancel(
                        MeterEventAdjustmentCreateParams.Cancel.builder()
                            .setIdentifier("s-7")
                            .build())
                    .build());
    assertThat(adjustment.getObject()).isEqualTo("v2.billing.meter_event_adjustment");
    assertThat(adjustment.getId()).isNotBlank();
    assertThat(adjustment.getCancel().getIdentifier()).isEqualTo("s-7");
    assertThat(adjustment.getStatus()).isEqualTo("pending");
    assertThat(usage(m, cusS)).isEqualByComparingTo("203");
  }

  @Test
  void anExpiredSessionIsRefusedWithTemporarySessionExpired() throws Exception {
    String cusE = customer(stripe, "e@example.com").getId();
    sumMeter(stripe, "expiring_calls");
    MeterEventSession session = stripe.v2().billing().meterEventSession().create();
    StripeClient streaming = streamClient(session);
    stream(streaming, List.of(event("expiring_calls", cusE, "1", now(), null)));
    SERVER.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThatThrownBy(
            () -> stream(streaming, List.of(event("expiring_calls", cusE, "1", now(), null))))
        .isInstanceOfSatisfying(
            TemporarySessionExpiredException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(401);
              assertThat(e.getCode()).isEqualTo("billing_meter_event_session_expired");
            });
  }

  @Test
  void anApiKeyIsNotASessionTokenAndATokenIsNotAnApiKey() throws Exception {
    MeterEventSession session = stripe.v2().billing().meterEventSession().create();
    StripeClient withApiKey =
        StripeClient.builder()
            .setApiKey(SERVER.newKey())
            .setMeterEventsBase(SERVER.baseUrl())
            .setMaxNetworkRetries(0)
            .build();
    assertStripeError(() -> stream(withApiKey, List.of(event("x", "c", "1", now(), null))))
        .isAuthenticationError();
    assertStripeError(() -> streamClient(session).v1().billing().meters().list())
        .isAuthenticationError();
  }

  @Test
  void badEventsAreReportedAsV2EventsAndNeverCounted() throws Exception {
    String cusC = customer(stripe, "c@example.com").getId();
    Meter m = sumMeter(stripe, "checked_calls");
    StripeClient streaming = streamClient(stripe.v2().billing().meterEventSession().create());
    stream(
        streaming,
        List.of(
            event("checked_calls", cusC, "3", now(), "good"),
            event("checked_calls", cusC, "1000", now().minus(Duration.ofDays(36)), "old"),
            event("checked_calls", cusC, "1000", now().plus(Duration.ofMinutes(6)), "ahead"),
            event("checked_calls", cusC, "ten", now(), "nan"),
            event("checked_calls", cusC, "-4", now(), "negative"),
            MeterEventStreamCreateParams.Event.builder()
                .setEventName("checked_calls")
                .putPayload("value", "1000")
                .setIdentifier("nobody")
                .build(),
            event("checked_calls", "cus_unknown", "1000", now(), "stranger"),
            event("nobody_meters_this", cusC, "1000", now(), "unmetered")));
    assertThat(usage(m, cusC)).isEqualByComparingTo("3");

    List<Event> reports =
        stripe
            .v2()
            .core()
            .events()
            .list(EventListParams.builder().setObjectId(m.getId()).build())
            .getData();
    assertThat(reports).singleElement().isInstanceOf(V1BillingMeterErrorReportTriggeredEvent.class);
    var report = (V1BillingMeterErrorReportTriggeredEvent) reports.getFirst();
    assertThat(report.getType()).isEqualTo("v1.billing.meter.error_report_triggered");
    assertThat(report.getRelatedObject().getType()).isEqualTo("billing.meter");
    assertThat(report.fetchRelatedObject().getId()).isEqualTo(m.getId());
    // stripe-java 33.3.0 gives the reason no getters: read it as sent.
    var raw = SERVER.raw("GET", "/v2/core/events/" + report.getId(), key, null, Map.of());
    var reason = tally.core.Json.tree(raw.body()).path("data").path("reason");
    assertThat(reason.path("error_count").asInt()).isEqualTo(6);
    List<String> codes = new ArrayList<>();
    reason.path("error_types").forEach(t -> codes.add(t.path("code").asText()));
    assertThat(codes)
        .containsExactly(
            "timestamp_too_far_in_past",
            "timestamp_in_future",
            "meter_event_invalid_value",
            "meter_event_no_customer_defined",
            "meter_event_customer_not_found");
    assertThat(reason.path("error_types").get(2).path("error_count").asInt()).isEqualTo(2);
    assertThat(
            reason
                .path("error_types")
                .get(3)
                .path("sample_errors")
                .get(0)
                .path("error_message")
                .asText())
        .isEqualTo("Customer mapping key stripe_customer_id not found in payload.");
    assertThat(report.getData().getDeveloperMessageSummary())
        .isEqualTo("There are 6 invalid events");
    assertThat(stripe.v2().core().events().retrieve(report.getId()).getId())
        .isEqualTo(report.getId());

    List<Event> all = stripe.v2().core().events().list().getData();
    assertThat(all)
        .extracting(Event::getType)
        .containsExactlyInAnyOrder(
            "v1.billing.meter.no_meter_found", "v1.billing.meter.error_report_triggered");
    Event noMeter =
        all.stream()
            .filter(e -> e.getType().equals("v1.billing.meter.no_meter_found"))
            .findFirst()
            .orElseThrow();
    var sample =
        tally.core.Json.tree(
                SERVER.raw("GET", "/v2/core/events/" + noMeter.getId(), key, null, Map.of()).body())
            .path("data")
            .path("reason")
            .path("error_types")
            .get(0)
            .path("sample_errors")
            .get(0);
    // Stripe's documented sample: the message names the event_name, the request its identifier.
    assertThat(sample.path("error_message").asText())
        .isEqualTo("No meter was found matching event_name nobody_meters_this.");
    assertThat(sample.path("request").path("identifier").asText()).isEqualTo("unmetered");
    // Thin events are v2 only: /v1/events does not show them.
    assertThat(stripe.v1().events().list().getData())
        .extracting(com.stripe.model.Event::getType)
        .containsOnly("customer.created", "billing.meter.created");
  }

  private java.net.http.HttpResponse<String> post(
      String path, String bearer, String contentType, String body) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(SERVER.baseUrl() + path))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", contentType)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void v2TakesJsonOnlyAndAnswersV2Errors() throws Exception {
    String token = stripe.v2().billing().meterEventSession().create().getAuthenticationToken();
    var form = post("/v2/billing/meter_events", key, "application/x-www-form-urlencoded", "a=1");
    assertThat(form.statusCode()).isEqualTo(415);
    var broken = post("/v2/billing/meter_events", key, "application/json", "{\"event_name\":");
    assertThat(broken.statusCode()).isEqualTo(400);
    StringBuilder many = new StringBuilder("{\"events\":[");
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append("{\"event_name\":\"e\",\"payload\":{\"value\":\"1\"}}");
    }
    var tooMany =
        post(
            "/v2/billing/meter_event_stream",
            token,
            "application/json",
            many.append("]}").toString());
    assertThat(tooMany.statusCode()).isEqualTo(400);
    var error = tally.core.Json.tree(tooMany.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("message").asText()).contains("at most 100 events");
    assertThat(error.has("param")).as("v2 errors name no param").isFalse();
    var missing = post("/v2/billing/meter_events", key, "application/json", "{\"payload\":{}}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(tally.core.Json.tree(missing.body()).path("error").path("code").asText())
        .isEqualTo("parameter_missing");
    // And v1 still takes forms only.
    var json = post("/v1/billing/meter_events", key, "application/json", "{\"event_name\":\"e\"}");
    assertThat(json.statusCode()).isEqualTo(415);
  }
}
