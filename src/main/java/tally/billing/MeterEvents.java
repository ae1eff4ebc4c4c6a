package tally.billing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tally.api.Ctx;
import tally.api.Errors;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.store.Table;

/**
 * Meter event ingestion. A single event (v1, v2 {@code meter_events}) gets Stripe's synchronous
 * checks as 400s: the timestamp window and a duplicate identifier. What Stripe finds only while
 * processing (no meter, an inactive meter, missing payload keys, an unknown customer, bad values;
 * on the stream also the timestamp window) is accepted, not stored, and reported as a v2 thin
 * event, so it never reaches a summary. The stream stores its events in one batch and drops
 * duplicates silently, as the identifier is its retry key.
 */
final class MeterEvents {
  static final long PAST_WINDOW = 35L * 86_400;
  static final long FUTURE_WINDOW = 5L * 60;
  static final long CANCEL_WINDOW = 24L * 3600;
  static final String TOO_OLD = "The timestamp must be within the past 35 calendar days.";
  static final String TOO_NEW = "The timestamp must not be more than 5 minutes in the future.";

  /** Append-only: rows are inserted in batches (see MeterEventStore), then only cancelled. */
  static final Table<MeterEvent> EVENTS = Table.of("meter_events", MeterEvent.class);

  private final Meters meters;
  private final Alerts alerts;
  private final MeterErrorReports reports;
  private final Customers customers;

  MeterEvents(Meters meters, Alerts alerts, MeterErrorReports reports, Customers customers) {
    this.meters = meters;
    this.alerts = alerts;
    this.reports = reports;
    this.customers = customers;
  }

  MeterEvent create(Ctx ctx, MeterEventParams.Create p) {
    Optional<Meter> meter = meters.findByEventName(ctx, p.eventName());
    Named named = customerOf(ctx, meter.map(m -> p.payload().get(m.customerKey())).orElse(null));
    Ctx onClock = named.clock();
    long now = onClock.now();
    long timestamp = p.timestamp() == null ? now : p.timestamp();
    if (timestamp < now - PAST_WINDOW) {
      throw Errors.invalid("timestamp", TOO_OLD);
    }
    if (timestamp > now + FUTURE_WINDOW) {
      throw Errors.invalid("timestamp", TOO_NEW);
    }
    String identifier = p.identifier() == null ? UUID.randomUUID().toString() : p.identifier();
    MeterEvent event = event(p, meter, identifier, timestamp, ctx.now());
    Optional<MeterEventProblem> problem =
        MeterEventProblem.of(meter, p, identifier, timestamp, now, named.exists());
    if (problem.isPresent()) {
      reports.report(ctx, List.of(problem.get()));
      return event;
    }
    if (MeterEventStore.storeNew(ctx, List.of(event)).isEmpty()) {
      throw Errors.invalid(
          "identifier",
          "An event already exists with identifier "
              + tally.api.Echo.bounded(identifier)
              + ". Identifiers must be unique within a rolling 24 hour period.");
    }
    alerts.evaluate(onClock, meter.orElseThrow(), event.customer());
    return event;
  }

  /** The customer an event names: whether it exists, and the clock its usage is on. */
  private record Named(boolean exists, Ctx clock) {}

  /**
   * One read per customer: an unknown (or deleted) one makes the event {@code
   * meter_event_customer_not_found}; a customer on a test clock uses the product in the clock's
   * time, so its events are timestamped, their window checked and its alerts fired on that clock
   * (received times stay on the wall clock).
   */
  private Named customerOf(Ctx ctx, String customer) {
    if (customer == null || customer.isBlank()) {
      return new Named(false, ctx);
    }
    Optional<Customer> found = customers.findLive(ctx, customer);
    return new Named(
        found.isPresent(), ctx.onTestClock(found.map(Customer::testClock).orElse(null)));
  }

  /** One stream request: up to 100 events, checked, stored in one batch, problems reported. */
  void stream(Ctx ctx, MeterEventParams.Stream batch) {
    Map<String, Optional<Meter>> byName = new HashMap<>();
    Map<String, Named> named = new HashMap<>(); // one read per customer in the batch
    List<MeterEvent> accepted = new ArrayList<>(batch.events().size());
    List<MeterEventProblem> problems = new ArrayList<>();
    for (MeterEventParams.Create p : batch.events()) {
      String identifier = p.identifier() == null ? UUID.randomUUID().toString() : p.identifier();
      Optional<Meter> meter =
          byName.computeIfAbsent(p.eventName(), name -> meters.findByEventName(ctx, name));
      String customer = meter.map(m -> p.payload().get(m.customerKey())).orElse("");
      Named who = named.computeIfAbsent(customer, c -> customerOf(ctx, c));
      long now = who.clock().now();
      long timestamp = p.timestamp() == null ? now : p.timestamp();
      Optional<MeterEventProblem> problem =
          MeterEventProblem.of(meter, p, identifier, timestamp, now, who.exists());
      if (problem.isPresent()) {
        problems.add(problem.get());
      } else {
        accepted.add(event(p, meter, identifier, timestamp, ctx.now()));
      }
    }
    List<MeterEvent> stored = MeterEventStore.storeNew(ctx, accepted);
    reports.report(ctx, problems);
    Set<String> evaluated = new LinkedHashSet<>();
    for (MeterEvent e : stored) {
      if (evaluated.add(e.eventName() + "\u0000" + e.customer())) {
        alerts.evaluate(
            named.get(e.customer()).clock(), byName.get(e.eventName()).orElseThrow(), e.customer());
      }
    }
  }

  private static MeterEvent event(
      MeterEventParams.Create p,
      Optional<Meter> meter,
      String identifier,
      long timestamp,
      long now) {
    String customer = meter.map(m -> p.payload().get(m.customerKey())).orElse(null);
    String value = meter.map(m -> p.payload().get(m.valueKey())).orElse(null);
    return new MeterEvent(
        identifier,
        p.eventName(),
        p.payload(),
        now,
        timestamp,
        customer,
        MeterEventProblem.number(value),
        false);
  }

  /**
   * One guarded UPDATE: events are keyed by identifier (they have no id) and only those received in
   * the last 24 hours can be cancelled, which {@link Table#setWhere}'s equality guards cannot say.
   * An identifier is unique within 24 hours, so at most one event matches.
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
              + tally.api.Echo.bounded(p.identifier())
              + " that was received in the last 24 hours and not yet cancelled was found for"
              + " event_name "
              + tally.api.Echo.bounded(p.eventName())
              + ".");
    }
    return new MeterEventAdjustment(p.eventName(), p.identifier());
  }
}
