package tally.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.core.Ids;
import tally.core.Sequence;
import tally.store.Rows;

/**
 * Usage alerts and their state machine (active ⇄ inactive → archived). An active alert fires once
 * per customer, the first time the customer's usage since the alert's creation reaches {@code gte};
 * the firing row's key makes that hold under concurrent meter events.
 */
public final class Alerts {
  static final RowMapper<Alert> MAPPER =
      (rs, c) ->
          new Alert(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getString("title"),
              rs.getString("meter"),
              rs.getLong("gte"),
              rs.getString("customer"),
              rs.getString("status"));

  private final Meters meters;

  Alerts(Meters meters) {
    this.meters = meters;
  }

  Alert create(Ctx ctx, AlertParams.Create p) {
    meters
        .find(ctx, p.meter())
        .orElseThrow(() -> Errors.noSuch("meter", p.meter(), "usage_threshold[meter]"));
    String id = Ids.newId("alrt_");
    ctx.db()
        .createUpdate(
            "INSERT INTO billing_alerts (account_id, id, seq, created, title, meter, gte, customer,"
                + " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active')")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .bind(2, Sequence.next())
        .bind(3, ctx.now())
        .bind(4, p.title())
        .bind(5, p.meter())
        .bind(6, p.gte())
        .bind(7, p.customer())
        .execute();
    return retrieve(ctx, id);
  }

  Alert retrieve(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "billing_alerts", ctx.accountId(), id, MAPPER)
        .orElseThrow(() -> Errors.noSuch("alert", id, "id"));
  }

  ListPage list(Ctx ctx, AlertParams.ListFilter f) {
    return new ListQuery<>("billing_alerts", "alert", ctx.accountId(), MAPPER)
        .where("status <> :archived", Map.of("archived", "archived"))
        .whereEquals("meter", f.meter())
        .page(ctx.db(), f.page(), "/v1/billing/alerts");
  }

  Alert activate(Ctx ctx, String id) {
    return move(ctx, id, "active");
  }

  Alert deactivate(Ctx ctx, String id) {
    return move(ctx, id, "inactive");
  }

  Alert archive(Ctx ctx, String id) {
    retrieve(ctx, id);
    ctx.db()
        .createUpdate(
            "UPDATE billing_alerts SET status = 'archived' WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .execute();
    return retrieve(ctx, id);
  }

  private Alert move(Ctx ctx, String id, String to) {
    retrieve(ctx, id);
    int changed =
        ctx.db()
            .createUpdate(
                "UPDATE billing_alerts SET status = ? WHERE account_id = ? AND id = ? AND status <>"
                    + " 'archived'")
            .bind(0, to)
            .bind(1, ctx.accountId())
            .bind(2, id)
            .execute();
    if (changed != 1) {
      throw Errors.invalid(
          null, "Alert " + id + " is archived and can no longer be activated or deactivated.");
    }
    return retrieve(ctx, id);
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
            .map(MAPPER)
            .list();
    for (Alert alert : watching) {
      BigDecimal usage =
          Usage.aggregate(
              meter, Usage.events(ctx, meter, customer, alert.created(), Long.MAX_VALUE));
      if (usage.compareTo(BigDecimal.valueOf(alert.gte())) >= 0) {
        fire(ctx, alert, customer, usage.longValue());
      }
    }
  }

  private void fire(Ctx ctx, Alert alert, String customer, long value) {
    int inserted =
        ctx.db()
            .createUpdate(
                "INSERT INTO billing_alert_firings (account_id, alert_id, customer, created, value)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .bind(0, ctx.accountId())
            .bind(1, alert.id())
            .bind(2, customer)
            .bind(3, ctx.now())
            .bind(4, value)
            .execute();
    if (inserted == 1) {
      ctx.emit("billing.alert.triggered", new AlertTriggered(alert, ctx.now(), customer, value));
    }
  }
}
