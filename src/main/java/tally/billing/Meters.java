package tally.billing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.core.Ids;
import tally.store.Table;

/** Billing meters: create, read, rename, list, deactivate and reactivate. */
public final class Meters {
  static final Table<Meter> TABLE = Table.of("billing_meters", Meter.class);

  /** One INSERT: the event name's uniqueness (for good, even after deactivation) is the key's. */
  Meter create(Ctx ctx, MeterParams.Create p) {
    Meter created =
        new Meter(
            Ids.newId("mtr_test_"),
            ctx.now(),
            ctx.now(),
            p.displayName(),
            p.eventName(),
            p.formula(),
            p.customerKey(),
            p.valueKey(),
            p.eventTimeWindow(),
            MeterStatus.ACTIVE,
            null);
    if (!TABLE.insertIfAbsent(ctx, created)) {
      throw Errors.invalid(
          "event_name", "A meter with event_name '" + p.eventName() + "' already exists.");
    }
    ctx.emit("billing.meter.created", created);
    return created;
  }

  public Optional<Meter> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }

  public Meter retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("meter", id, "id"));
  }

  /** A customer's usage of a meter over a period: the meter's aggregate and how many events. */
  public record CustomerUsage(String customer, String value, int events) {}

  /**
   * The meter's usage per customer over {@code [from, until)}, by the meter's formula (the
   * dashboard's usage table); at most {@code limit} customers, most events first.
   */
  public java.util.List<CustomerUsage> usage(
      Ctx ctx, String meterId, long from, long until, int limit) {
    Meter meter = retrieve(ctx, meterId);
    java.util.List<String> customers =
        ctx.db()
            .createQuery(
                "SELECT customer FROM meter_events WHERE account_id = :a AND event_name = :e AND"
                    + " customer IS NOT NULL AND event_time >= :from AND event_time < :until AND"
                    + " cancelled = FALSE GROUP BY customer ORDER BY COUNT(*) DESC, customer"
                    + " LIMIT :n")
            .bind("a", ctx.accountId())
            .bind("e", meter.eventName())
            .bind("from", from)
            .bind("until", until)
            .bind("n", limit)
            .mapTo(String.class)
            .list();
    java.util.List<CustomerUsage> out = new java.util.ArrayList<>();
    for (String customer : customers) {
      var events = Usage.events(ctx, meter, customer, from, until);
      out.add(
          new CustomerUsage(
              customer, Usage.aggregate(meter, events).toPlainString(), events.size()));
    }
    return out;
  }

  Optional<Meter> findByEventName(Ctx ctx, String eventName) {
    return ctx.db()
        .createQuery("SELECT * FROM billing_meters WHERE account_id = ? AND event_name = ?")
        .bind(0, ctx.accountId())
        .bind(1, eventName)
        .map(TABLE.mapper())
        .findOne();
  }

  Meter update(Ctx ctx, String id, MeterParams.Update p) {
    Meter before = retrieve(ctx, id);
    Meter after =
        p.displayName() == null
            ? before
            : TABLE
                .set(ctx, id, Map.of("display_name", p.displayName(), "updated", ctx.now()))
                .orElseThrow(() -> Errors.noSuch("meter", id, "id"));
    ctx.emitUpdate("billing.meter.updated", after, Changes.previous(before, after));
    return after;
  }

  ListPage list(Ctx ctx, MeterParams.ListFilter f) {
    return new ListQuery<>("billing_meters", "meter", ctx.accountId(), TABLE.mapper())
        .whereEquals("status", f.status())
        .page(ctx.db(), f.page(), "/v1/billing/meters");
  }

  /** The routes' form: {@code from} and {@code to} as Stripe writes them. */
  Meter transition(Ctx ctx, String id, String from, String to) {
    return transition(ctx, id, status(from), status(to));
  }

  /** Moves the meter from {@code from} to {@code to}; refused if it is not in {@code from}. */
  Meter transition(Ctx ctx, String id, MeterStatus from, MeterStatus to) {
    retrieve(ctx, id);
    Map<String, Object> also = new HashMap<>();
    also.put("updated", ctx.now());
    also.put("deactivated_at", to == MeterStatus.INACTIVE ? ctx.now() : null);
    Meter after =
        TABLE
            .transition(ctx, id, from, to, also)
            .orElseThrow(
                () -> Errors.invalid(null, "Meter " + id + " is already " + to.wire() + "."));
    ctx.emit(
        to == MeterStatus.INACTIVE ? "billing.meter.deactivated" : "billing.meter.reactivated",
        after);
    return after;
  }

  private static MeterStatus status(String wire) {
    return MeterStatus.valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
