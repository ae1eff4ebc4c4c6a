package tally.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;
import static tally.testing.Fixtures.meterParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEvent;
import com.stripe.model.billing.MeterEventAdjustment;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventAdjustmentCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class MeterEventsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Meter meter(
      String name,
      MeterCreateParams.DefaultAggregation.Formula f,
      MeterCreateParams.EventTimeWindow window)
      throws StripeException {
    var b = meterParams(name, name, f);
    if (window != null) {
      b.setEventTimeWindow(window);
    }
    return stripe.v1().billing().meters().create(b.build());
  }

  private MeterEvent send(
      String eventName, String customer, String value, long timestamp, String identifier)
      throws StripeException {
    var b =
        MeterEventCreateParams.builder()
            .setEventName(eventName)
            .putPayload("stripe_customer_id", customer)
            .putPayload("value", value)
            .setTimestamp(timestamp);
    if (identifier != null) {
      b.setIdentifier(identifier);
    }
    return stripe.v1().billing().meterEvents().create(b.build());
  }

  private MeterEventAdjustment cancel(String eventName, String identifier) throws StripeException {
    return stripe
        .v1()
        .billing()
        .meterEventAdjustments()
        .create(
            MeterEventAdjustmentCreateParams.builder()
                .setEventName(eventName)
                .setType(MeterEventAdjustmentCreateParams.Type.CANCEL)
                .setCancel(
                    MeterEventAdjustmentCreateParams.Cancel.builder()
                        .setIdentifier(identifier)
                        .build())
                .build());
  }

  private List<MeterEventSummary> summaries(
      Meter m,
      String customer,
      long start,
      long end,
      MeterEventSummaryListParams.ValueGroupingWindow w)
      throws StripeException {
    var b =
        MeterEventSummaryListParams.builder()
            .setCustomer(customer)
            .setStartTime(start)
            .setEndTime(end)
            .setLimit(100L);
    if (w != null) {
      b.setValueGroupingWindow(w);
    }
    return stripe.v1().billing().meters().eventSummaries().list(m.getId(), b.build()).getData();
  }

  private static long hourAligned() {
    return (SERVER.clock().nowSeconds() / 3600) * 3600 - 3 * 3600;
  }

  @Test
  void anEventIsAcknowledgedWithItsIdentifierAndTimestamp() throws StripeException {
    String cus1 = customer(stripe, "1@example.com").getId();
    meter("ack_evt", MeterCreateParams.DefaultAggregation.Formula.SUM, null);
    long ts = SERVER.clock().nowSeconds() - 60;
    MeterEvent e = send("ack_evt", cus1, "25", ts, "ident-1");
    assertThat(e.getObject()).isEqualTo("billing.meter_event");
    assertThat(e.getIdentifier()).isEqualTo("ident-1");
    assertThat(e.getTimestamp()).isEqualTo(ts);
    assertThat(e.getPayload())
        .containsEntry("value", "25")
        .containsEntry("stripe_customer_id", cus1);
    MeterEvent generated =
        stripe
            .v1()
            .billing()
            .meterEvents()
            .create(
                MeterEventCreateParams.builder()
                    .setEventName("ack_evt")
                    .putPayload("stripe_customer_id", cus1)
                    .putPayload("value", "1")
                    .build());
    assertThat(generated.getIdentifier()).isNotBlank();
  }

  @Test
  void aRepeatedIdentifierIsRefusedAndNotCounted() throws StripeException {
    String cusD = customer(stripe, "d@example.com").getId();
    Meter m = meter("dup_evt", MeterCreateParams.DefaultAggregation.Formula.SUM, null);
    long start = hourAligned();
    send("dup_evt", cusD, "10", start + 10, "same");
    assertStripeError(() -> send("dup_evt", cusD, "10", start + 20, "same"))
        .isInvalidRequest()
        .hasParam("identifier");
    assertThat(summaries(m, cusD, start, start + 3600, null))
        .singleElement()
        .satisfies(s -> assertThat(s.getAggregatedValue()).isEqualByComparingTo("10"));
  }

  @Test
  void timestampsOutsideTheWindowAreRefused() throws StripeException {
    String cusT = customer(stripe, "t@example.com").getId();
    meter("ts_evt", MeterCreateParams.DefaultAggregation.Formula.SUM, null);
    long now = SERVER.clock().nowSeconds();
    assertStripeError(() -> send("ts_evt", cusT, "1", now - 36L * 86_400, null))
        .isInvalidRequest()
        .hasParam("timestamp");
    assertStripeError(() -> send("ts_evt", cusT, "1", now + 600, null))
        .isInvalidRequest()
        .hasParam("timestamp");
    assertThat(send("ts_evt", cusT, "1", now - 34L * 86_400, null).getIdentifier()).isNotNull();
  }

  @Test
  void missingEventNameOrPayloadIsAMissingParam() {
    assertStripeError(() ->
            stripe
                .v1()
                .billing()
                .meterEvents()
                .create(MeterEventCreateParams.builder().setEventName("x").build()))
        .isInvalidRequest()
        .hasCode("parameter_missing")
        .hasParam("payload");
  }

  @Test
  void summariesAggregateByHourAcrossWindowsWithCancelledEventsExcluded() throws StripeException {
    String cusH = customer(stripe, "h@example.com").getId();
    String cusOther = customer(stripe, "other@example.com").getId();
    Meter m = meter("hourly_sum", MeterCreateParams.DefaultAggregation.Formula.SUM, null);
    long start = hourAligned();
    send("hourly_sum", cusH, "5", start + 10, "h1");
    send("hourly_sum", cusH, "7", start + 3599, "h2");
    send("hourly_sum", cusH, "2.5", start + 3600, "h3");
    send("hourly_sum", cusH, "100", start + 3700, "h4");
    send("hourly_sum", cusOther, "1000", start + 20, "o1");
    MeterEventAdjustment adj = cancel("hourly_sum", "h4");
    assertThat(adj.getObject()).isEqualTo("billing.meter_event_adjustment");
    assertThat(adj.getCancel().getIdentifier()).isEqualTo("h4");

    List<MeterEventSummary> hourly =
        summaries(
            m, cusH, start, start + 3 * 3600, MeterEventSummaryListParams.ValueGroupingWindow.HOUR);
    assertThat(hourly)
        .extracting(MeterEventSummary::getStartTime)
        .containsExactly(start + 7200, start + 3600, start);
    assertThat(hourly)
        .extracting(MeterEventSummary::getAggregatedValue)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(BigDecimal.ZERO, new BigDecimal("2.5"), new BigDecimal("12"));
    assertThat(summaries(m, cusH, start, start + 3 * 3600, null))
        .singleElement()
        .satisfies(s -> assertThat(s.getAggregatedValue()).isEqualByComparingTo("14.5"));
  }

  @Test
  void dailyWindowsFollowUtcDays() throws StripeException {
    String cusC = customer(stripe, "c@example.com").getId();
    Meter m = meter("daily_count", MeterCreateParams.DefaultAggregation.Formula.COUNT, null);
    long today = (SERVER.clock().nowSeconds() / 86_400) * 86_400;
    long yesterday = today - 86_400;
    send("daily_count", cusC, "1", yesterday + 86_399, null);
    send("daily_count", cusC, "1", today, null);
    send("daily_count", cusC, "1", today + 1, null);
    List<MeterEventSummary> days =
        summaries(
            m,
            cusC,
            yesterday,
            today + 86_400,
            MeterEventSummaryListParams.ValueGroupingWindow.DAY);
    assertThat(days)
        .extracting(MeterEventSummary::getAggregatedValue)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("2"), BigDecimal.ONE);
  }

  @Test
  void lastFormulaAndPreAggregatedWindowsKeepOnlyTheLatestEvent() throws StripeException {
    String cusL = customer(stripe, "l@example.com").getId();
    Meter last = meter("last_evt", MeterCreateParams.DefaultAggregation.Formula.LAST, null);
    Meter windowed =
        meter(
            "win_evt",
            MeterCreateParams.DefaultAggregation.Formula.SUM,
            MeterCreateParams.EventTimeWindow.HOUR);
    long start = hourAligned();
    send("last_evt", cusL, "3", start + 100, null);
    send("last_evt", cusL, "9", start + 50, null);
    send("win_evt", cusL, "3", start + 100, null);
    send("win_evt", cusL, "9", start + 200, null);
    send("win_evt", cusL, "4", start + 3700, null);
    assertThat(summaries(last, cusL, start, start + 3600, null))
        .singleElement()
        .satisfies(s -> assertThat(s.getAggregatedValue()).isEqualByComparingTo("3"));
    assertThat(summaries(windowed, cusL, start, start + 7200, null))
        .singleElement()
        .satisfies(s -> assertThat(s.getAggregatedValue()).isEqualByComparingTo("13"));
  }

  @Test
  void misalignedSummaryTimesAreRefused() throws StripeException {
    Meter m = meter("align_evt", MeterCreateParams.DefaultAggregation.Formula.SUM, null);
    long start = hourAligned();
    assertStripeError(() -> summaries(m, "cus_a", start + 30, start + 3600, null))
        .isInvalidRequest()
        .hasParam("start_time");
    assertStripeError(() ->
            summaries(
                m,
                "cus_a",
                start + 60,
                start + 3600,
                MeterEventSummaryListParams.ValueGroupingWindow.HOUR))
        .isInvalidRequest()
        .hasMessageContaining("hour boundaries");
  }

  @Test
  void cancellingAnUnknownIdentifierIsRefused() throws StripeException {
    meter("cancel_evt", MeterCreateParams.DefaultAggregation.Formula.SUM, null);
    assertStripeError(() -> cancel("cancel_evt", "nope"))
        .isInvalidRequest()
        .hasParam("cancel[identifier]");
  }

  @Test
  void summariesPageWithCursors() throws StripeException {
    Meter m = meter("page_evt", MeterCreateParams.DefaultAggregation.Formula.SUM, null);
    long start = hourAligned() - 10 * 3600;
    var first =
        stripe
            .v1()
            .billing()
            .meters()
            .eventSummaries()
            .list(
                m.getId(),
                MeterEventSummaryListParams.builder()
                    .setCustomer("cus_p")
                    .setStartTime(start)
                    .setEndTime(start + 12 * 3600)
                    .setValueGroupingWindow(MeterEventSummaryListParams.ValueGroupingWindow.HOUR)
                    .setLimit(5L)
                    .build());
    assertThat(first.getData()).hasSize(5);
    assertThat(first.getHasMore()).isTrue();
    List<Long> starts = new java.util.ArrayList<>();
    first.autoPagingIterable().forEach(s -> starts.add(s.getStartTime()));
    assertThat(starts).hasSize(12).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }
}
