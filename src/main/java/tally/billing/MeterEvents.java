package tally.billing;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import tally.api.Ctx;
import tally.api.Errors;
import tally.core.Ids;
import tally.customers.Customers;
import tally.store.Table;

/**
 * Meter event ingestion: synchronous checks answer 400 (as Stripe's v1 endpoint does for missing
 * params, the timestamp window and duplicate identifiers); what Stripe finds only while processing
 * (no active meter, missing payload keys, bad values) is accepted and recorded as an error report.
 */
final class MeterEvents {
  static final long PAST_WINDOW = 35L * 86_400;
  static final long FUTURE_WINDOW = 5L * 60;
  static final long CANCEL_WINDOW = 24L * 3600;

  /** Append-only: accepting an event is this table's one INSERT, never a read first. */
  static final Table<MeterEvent> EVENTS = Table.of("meter_events", MeterEvent.class);

  /** What Stripe finds only while processing an accepted event, kept as its error report. */
  record ErrorReport(
      String id, long created, String eventName, String identifier, String code, String message) {}

  static final Table<ErrorReport> ERRORS = Table.of("meter_error_reports", ErrorReport.class);

  private final Meters meters;
  private final Alerts alerts;
  private final Customers customers;

  MeterEvents(Meters meters, Alerts alerts, Customers customers) {
    this.meters = meters;
    this.alerts = alerts;
    this.customers = customers;
  }

  MeterEvent create(Ctx ctx, MeterEventParams.Create p) {
    Optional<Meter> meter = meters.findByEventName(ctx, p.eventName());
    String customer = meter.map(m -> p.payload().get(m.customerKey())).orElse(null);
    String valueText = meter.map(m -> p.payload().get(m.valueKey())).orElse(null);
    // A customer on a test clock uses the product in the clock's time: its events are timestamped,
    // and their window checked, on that clock (received times stay on the wall clock).
    Ctx onClock = ctx.onTestClock(customers.testClockOf(ctx, customer));
    long now = onClock.now();
    long timestamp = p.timestamp() == null ? now : p.timestamp();
    if (timestamp < now - PAST_WINDOW) {
      throw Errors.invalid("timestamp", "The timestamp must be within the past 35 calendar days.");
    }
    if (timestamp > now + FUTURE_WINDOW) {
      throw Errors.invalid(
          "timestamp", "The timestamp must not be more than 5 minutes in the future.");
    }
    String identifier = p.identifier() == null ? UUID.randomUUID().toString() : p.identifier();
    MeterEvent event =
        new MeterEvent(
            identifier,
            p.eventName(),
            p.payload(),
            ctx.now(), // received: on the wall clock, whatever clock the usage is on
            timestamp,
            customer,
            numberOrNull(valueText),
            false);
    if (!EVENTS.insertIfAbsent(ctx, event)) {
      throw Errors.invalid(
          "identifier", "An event already exists with identifier " + identifier + ".");
    }
    String problem = problem(meter, customer, valueText);
    if (problem != null) {
      report(ctx, p.eventName(), identifier, problem);
    } else {
      alerts.evaluate(onClock, meter.orElseThrow(), customer);
    }
    return event;
  }

  /** The error Stripe would report asynchronously for this event, as "code: message", or null. */
  private static String problem(Optional<Meter> meter, String customer, String valueText) {
    if (meter.isEmpty()) {
      return "no_meter: No active meter was found for this event name.";
    }
    Meter m = meter.get();
    if (!m.active()) {
      return "archived_meter: The meter for this event name is inactive.";
    }
    if (customer == null) {
      return "meter_event_no_customer_defined: Customer mapping key "
          + m.customerKey()
          + " not found in payload.";
    }
    if (!"count".equals(m.formula()) && valueText == null) {
      return "meter_event_value_not_found: Value key " + m.valueKey() + " not found in payload.";
    }
    if (valueText != null && numberOrNull(valueText) == null) {
      return "meter_event_invalid_value: The value " + valueText + " is not a valid number.";
    }
    return null;
  }

  private static String numberOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text.trim());
      return value.signum() < 0 ? null : value.toPlainString();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void report(Ctx ctx, String eventName, String identifier, String problem) {
    int colon = problem.indexOf(':');
    ERRORS.insert(
        ctx,
        new ErrorReport(
            Ids.newId("mtrerr_"),
            ctx.now(),
            eventName,
            identifier,
            problem.substring(0, colon),
            problem.substring(colon + 2)));
  }

  /**
   * One guarded UPDATE: events are keyed by identifier (they have no id) and only those received in
   * the last 24 hours can be cancelled, which {@link Table#setWhere}'s equality guards cannot say.
   */
  MeterEventAdjustment cancel(Ctx ctx, MeterEventParams.Adjust p) {
    int changed =
        ctx.db()
            .createUpdate(
                "UPDATE meter_events SET cancelled = TRUE WHERE account_id = :a AND identifier ="
                    + " :id AND event_name = :e AND cancelled = FALSE AND created >= :since")
            .bind("a", ctx.accountId())
            .bind("id", p.identifier())
            .bind("e", p.eventName())
            .bind("since", ctx.now() - CANCEL_WINDOW)
            .execute();
    if (changed != 1) {
      throw Errors.invalid(
          "cancel[identifier]",
          "No meter event with identifier "
              + p.identifier()
              + " that was received in the last 24 hours and not yet cancelled was found for"
              + " event_name "
              + p.eventName()
              + ".");
    }
    return new MeterEventAdjustment(p.eventName(), p.identifier());
  }
}
