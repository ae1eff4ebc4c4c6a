package tally.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.Ctx;
import tally.api.Errors;

/**
 * What the dashboard reads and does about events beyond {@code /v1/events}: an object's timeline,
 * each webhook delivery with its attempts, and resending an event to an endpoint.
 */
public final class EventLog {
  /** One attempt: when, and the endpoint's HTTP status (-1: no answer, a timeout or refusal). */
  public record Attempt(int number, long at, int status) {}

  /** One event's delivery to one endpoint; {@code nextAttemptAt} is null once settled. */
  public record Delivery(
      String endpointId,
      String url,
      int attempts,
      boolean delivered,
      Long nextAttemptAt,
      Integer lastStatus,
      List<Attempt> history) {}

  /**
   * The events whose {@code data.object} is {@code objectId}, newest first, as the API shows them.
   */
  public List<ObjectNode> about(Ctx ctx, String objectId, int limit) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM events WHERE account_id = :a AND object_id = :o ORDER BY seq DESC"
                + " LIMIT :n")
        .bind("a", ctx.accountId())
        .bind("o", objectId)
        .bind("n", limit)
        .map(Events.MAPPER)
        .map(Event::toJson)
        .list();
  }

  /** The newest event's id, or null: the dashboard's live view polls it. */
  public String latestId(Ctx ctx) {
    return ctx.db()
        .createQuery("SELECT id FROM events WHERE account_id = ? ORDER BY seq DESC LIMIT 1")
        .bind(0, ctx.accountId())
        .mapTo(String.class)
        .findOne()
        .orElse(null);
  }

  public List<Delivery> deliveries(Ctx ctx, String eventId) {
    return ctx.db()
        .createQuery(
            "SELECT d.endpoint_id, e.url, d.attempts, d.delivered, d.next_attempt_at,"
                + " d.last_status FROM webhook_deliveries d JOIN webhook_endpoints e ON"
                + " e.account_id = d.account_id AND e.id = d.endpoint_id WHERE d.account_id = ?"
                + " AND d.event_id = ? ORDER BY e.seq")
        .bind(0, ctx.accountId())
        .bind(1, eventId)
        .map((rs, c) ->
            new Delivery(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getBoolean(4),
                rs.getObject(5) == null ? null : rs.getLong(5),
                rs.getObject(6) == null ? null : rs.getInt(6),
                attempts(ctx, eventId, rs.getString(1))))
        .list();
  }

  private static List<Attempt> attempts(Ctx ctx, String eventId, String endpointId) {
    return ctx.db()
        .createQuery(
            "SELECT attempt, attempted_at, status FROM webhook_attempts WHERE account_id = ? AND"
                + " event_id = ? AND endpoint_id = ? ORDER BY attempt DESC")
        .bind(0, ctx.accountId())
        .bind(1, eventId)
        .bind(2, endpointId)
        .map((rs, c) -> new Attempt(rs.getInt(1), rs.getLong(2), rs.getInt(3)))
        .list();
  }

  /**
   * Sends the event to the endpoint again, now (the Dashboard's "Resend"): a settled delivery is
   * due again and counts as pending; one still retrying is simply tried now; an endpoint that never
   * had the event (made later) gets a new delivery.
   */
  public void resend(Ctx ctx, String eventId, String endpointId) {
    var h = ctx.db();
    boolean eventExists =
        h.createQuery("SELECT COUNT(*) FROM events WHERE account_id = ? AND id = ?")
                .bind(0, ctx.accountId())
                .bind(1, eventId)
                .mapTo(Long.class)
                .one()
            == 1;
    if (!eventExists) {
      throw Errors.noSuch("event", eventId, "id");
    }
    boolean endpointExists =
        h.createQuery(
                    "SELECT COUNT(*) FROM webhook_endpoints WHERE account_id = ? AND id = ? AND"
                        + " deleted = FALSE")
                .bind(0, ctx.accountId())
                .bind(1, endpointId)
                .mapTo(Long.class)
                .one()
            == 1;
    if (!endpointExists) {
      throw Errors.noSuch("webhook_endpoint", endpointId, "webhook_endpoint");
    }
    int reopened =
        h.execute(
            "UPDATE webhook_deliveries SET delivered = FALSE, next_attempt_at = ? WHERE"
                + " account_id = ? AND event_id = ? AND endpoint_id = ? AND delivered = TRUE",
            ctx.now(),
            ctx.accountId(),
            eventId,
            endpointId);
    int retried =
        reopened == 1
            ? 0
            : h.execute(
                "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE account_id = ? AND"
                    + " event_id = ? AND endpoint_id = ? AND delivered = FALSE",
                ctx.now(),
                ctx.accountId(),
                eventId,
                endpointId);
    int added =
        reopened + retried == 1
            ? 0
            : h.execute(
                "INSERT INTO webhook_deliveries (account_id, event_id, endpoint_id, attempts,"
                    + " next_attempt_at, delivered) VALUES (?, ?, ?, 0, ?, FALSE)",
                ctx.accountId(),
                eventId,
                endpointId,
                ctx.now());
    if (reopened + added == 1) {
      h.execute(
          "UPDATE events SET pending_webhooks = pending_webhooks + 1 WHERE account_id = ? AND id"
              + " = ?",
          ctx.accountId(),
          eventId);
    }
  }
}
