package tally.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.core.Ids;
import tally.store.Table;

/**
 * Usage alerts and their state machine ({@link AlertStatus}). An active alert fires once per
 * customer ({@code recurrence=one_time}, the only recurrence Stripe offers), the first time the
 * usage the customer reported since the alert's creation reaches {@code gte}, as Stripe documents
 * ("alerts are only evaluated on usage data reported after alert creation"); the firing row's key
 * makes that hold under concurrent meter events. It fires on the customer's clock: the caller's
 * context is on the customer's test clock, if any (Stripe's alerts ignore test clocks).
 */
public final class Alerts {
  static final Table<Alert> TABLE = Table.of("billing_alerts", Alert.class);

  /** A customer's crossing of an alert's threshold; its key is (alert, customer). */
  record Firing(String alertId, String customer, long created, long value) {}

  static final Table<Firing> FIRINGS = Table.of("billing_alert_firings", Firing.class);

  private final Meters meters;

  Alerts(Meters meters) {
    this.meters = meters;
  }

  Alert create(Ctx ctx, AlertParams.Create p) {
    meters
        .find(ctx, p.meter())
        .orElseThrow(() -> Errors.noSuch("meter", p.meter(), "usage_threshold[meter]"));
    return TABLE.insert(
        ctx,
        new Alert(
            Ids.newId("alrt_"),
            ctx.now(),
            p.title(),
            p.meter(),
            p.gte(),
            p.customer(),
            AlertStatus.ACTIVE));
  }

  Alert retrieve(Ctx ctx, String id) {
    return TABLE.find(ctx, id).orElseThrow(() -> Errors.noSuch("alert", id, "id"));
  }

  ListPage list(Ctx ctx, AlertParams.ListFilter f) {
    return new ListQuery<>("billing_alerts", "alert", ctx.accountId(), TABLE.mapper())
        .where("status <> :archived", Map.of("archived", AlertStatus.ARCHIVED.wire()))
        .whereEquals("meter", f.meter())
        .page(ctx.db(), f.page(), "/v1/billing/alerts");
  }

  Alert activate(Ctx ctx, String id) {
    return move(ctx, id, AlertStatus.ACTIVE);
  }

  Alert deactivate(Ctx ctx, String id) {
    return move(ctx, id, AlertStatus.INACTIVE);
  }

  Alert archive(Ctx ctx, String id) {
    return move(ctx, id, AlertStatus.ARCHIVED);
  }

  /** Moves the alert to {@code to}; one already there is left as it is. */
  private Alert move(Ctx ctx, String id, AlertStatus to) {
    Alert alert = retrieve(ctx, id);
    if (alert.status() == to) {
      return alert;
    }
    if (!alert.status().canMoveTo(to)) {
      throw Errors.invalid(
          null, "Alert " + id + " is archived and can no longer be activated or deactivated.");
    }
    return TABLE
        .transition(ctx, id, alert.status(), to, Map.of())
        // Another request moved it after we read it: decide again from where it is now.
        .orElseGet(() -> move(ctx, id, to));
  }

  /** Checks the active alerts of {@code meter} that watch {@code customer} after new usage. */
  void evaluate(Ctx ctx, Meter meter, String customer) {
    List<Alert> watching =
        ctx.db()
            .createQuery(
                "SELECT * FROM billing_alerts a WHERE a.account_id = :acc AND a.meter = :m AND"
                    + " a.status = 'active' AND (a.customer IS NULL OR a.customer = :c) AND NOT"
                    + " EXISTS (SELECT 1 FROM billing_alert_firings f WHERE f.account_id ="
                    + " a.account_id AND f.alert_id = a.id AND f.customer = :c)")
            .bind("acc", ctx.accountId())
            .bind("m", meter.id())
            .bind("c", customer)
            .map(TABLE.mapper())
            .list();
    for (Alert alert : watching) {
      BigDecimal usage =
          Usage.aggregate(meter, Usage.receivedSince(ctx, meter, customer, alert.created()));
      if (usage.compareTo(BigDecimal.valueOf(alert.gte())) >= 0) {
        fire(ctx, alert, customer, usage.longValue());
      }
    }
  }

  private void fire(Ctx ctx, Alert alert, String customer, long value) {
    if (FIRINGS.insertIfAbsent(ctx, new Firing(alert.id(), customer, ctx.now(), value))) {
      ctx.emit("billing.alert.triggered", new AlertTriggered(alert, ctx.now(), customer, value));
    }
  }
}
