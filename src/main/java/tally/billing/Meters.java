package tally.billing;

import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.core.Ids;
import tally.core.Sequence;
import tally.store.Rows;

/** Billing meters: create, read, rename, list, deactivate and reactivate. */
public final class Meters {
  static final RowMapper<Meter> MAPPER =
      (rs, c) ->
          new Meter(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getLong("updated"),
              rs.getString("display_name"),
              rs.getString("event_name"),
              rs.getString("formula"),
              rs.getString("customer_key"),
              rs.getString("value_key"),
              rs.getString("event_time_window"),
              rs.getString("status"),
              Rows.nullableLong(rs, "deactivated_at"));

  Meter create(Ctx ctx, MeterParams.Create p) {
    if (findByEventName(ctx, p.eventName()).isPresent()) {
      throw Errors.invalid(
          "event_name", "A meter with event_name '" + p.eventName() + "' already exists.");
    }
    String id = Ids.newId("mtr_test_");
    ctx.db()
        .createUpdate(
            "INSERT INTO billing_meters (account_id, id, seq, created, updated, display_name,"
                + " event_name, formula, customer_key, value_key, event_time_window, status) VALUES"
                + " (:a, :id, :seq, :now, :now, :display_name, :event_name, :formula, :customer_key,"
                + " :value_key, :window, 'active')")
        .bind("a", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("now", ctx.now())
        .bind("display_name", p.displayName())
        .bind("event_name", p.eventName())
        .bind("formula", p.formula())
        .bind("customer_key", p.customerKey())
        .bind("value_key", p.valueKey())
        .bind("window", p.eventTimeWindow())
        .execute();
    Meter created = retrieve(ctx, id);
    ctx.emit("billing.meter.created", created);
    return created;
  }

  public Optional<Meter> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "billing_meters", ctx.accountId(), id, MAPPER);
  }

  public Meter retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("meter", id, "id"));
  }

  Optional<Meter> findByEventName(Ctx ctx, String eventName) {
    return ctx.db()
        .createQuery("SELECT * FROM billing_meters WHERE account_id = ? AND event_name = ?")
        .bind(0, ctx.accountId())
        .bind(1, eventName)
        .map(MAPPER)
        .findOne();
  }

  Meter update(Ctx ctx, String id, MeterParams.Update p) {
    Meter before = retrieve(ctx, id);
    if (p.displayName() != null) {
      ctx.db()
          .createUpdate(
              "UPDATE billing_meters SET display_name = ?, updated = ? WHERE account_id = ? AND id"
                  + " = ?")
          .bind(0, p.displayName())
          .bind(1, ctx.now())
          .bind(2, ctx.accountId())
          .bind(3, id)
          .execute();
    }
    Meter after = retrieve(ctx, id);
    ctx.emitUpdate("billing.meter.updated", after, Changes.previous(before, after));
    return after;
  }

  ListPage list(Ctx ctx, MeterParams.ListFilter f) {
    return new ListQuery<>("billing_meters", "meter", ctx.accountId(), MAPPER)
        .whereEquals("status", f.status())
        .page(ctx.db(), f.page(), "/v1/billing/meters");
  }

  /** Moves the meter from {@code from} to {@code to}; refused if it is not in {@code from}. */
  Meter transition(Ctx ctx, String id, String from, String to) {
    retrieve(ctx, id);
    int changed =
        ctx.db()
            .createUpdate(
                "UPDATE billing_meters SET status = :to, updated = :now, deactivated_at = :at WHERE"
                    + " account_id = :a AND id = :id AND status = :from")
            .bind("to", to)
            .bind("now", ctx.now())
            .bind("at", "inactive".equals(to) ? ctx.now() : null)
            .bind("a", ctx.accountId())
            .bind("id", id)
            .bind("from", from)
            .execute();
    if (changed != 1) {
      throw Errors.invalid(null, "Meter " + id + " is already " + to + ".");
    }
    Meter after = retrieve(ctx, id);
    ctx.emit(
        "inactive".equals(to) ? "billing.meter.deactivated" : "billing.meter.reactivated", after);
    return after;
  }
}
