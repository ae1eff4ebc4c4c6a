package tally.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tally.core.Clock;
import tally.core.Json;
import tally.core.Scheduler;
import tally.store.Db;

/**
 * Delivers events to webhook endpoints, signed as Stripe signs them, at least once: a delivery
 * stays due until an endpoint answers 2xx, retried with exponential backoff on the clock for up to
 * three days. HTTP happens outside any transaction; only the outcome is written.
 */
public final class WebhookDispatcher implements Scheduler.Job {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  static final int MAX_ATTEMPTS = 16;

  private final Db db;
  private final Clock clock;

  /** Made on the first delivery, not at startup: its TLS setup took 70 ms of the start. */
  private static final class Client {
    static final HttpClient HTTP =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public WebhookDispatcher(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  private record Due(
      String accountId,
      String eventId,
      String endpointId,
      int attempts,
      String url,
      String secret,
      String apiVersion) {}

  @Override
  public int runDue() {
    List<Due> due =
        db.read(h ->
            h.createQuery(
                    "SELECT d.account_id, d.event_id, d.endpoint_id, d.attempts, e.url, e.secret,"
                        + " e.api_version"
                        + " FROM webhook_deliveries d JOIN webhook_endpoints e ON e.account_id"
                        + " = d.account_id AND e.id = d.endpoint_id WHERE d.delivered = FALSE"
                        + " AND d.next_attempt_at <= :now AND e.status = 'enabled' AND"
                        + " e.deleted = FALSE ORDER BY d.next_attempt_at LIMIT 200")
                .bind("now", clock.nowSeconds())
                .map((rs, c) ->
                    new Due(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .list());
    int delivered = 0;
    for (Due d : due) {
      int status = send(d);
      boolean ok = status >= 200 && status < 300;
      record(d, status, ok);
      if (ok) {
        delivered++;
      }
    }
    return delivered;
  }

  private int send(Due d) {
    String payload =
        db.read(h ->
            h.createQuery("SELECT * FROM events WHERE account_id = ? AND id = ?")
                .bind(0, d.accountId())
                .bind(1, d.eventId())
                .map(Events.MAPPER)
                .findOne()
                .map(e -> Json.write(rendered(e, d.apiVersion())))
                .orElse(null));
    if (payload == null) {
      return -1;
    }
    // The signature's time is the wall clock: receivers check it against their own clock.
    long t = System.currentTimeMillis() / 1000;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(d.url()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json; charset=utf-8")
              .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
              .header("Stripe-Signature", WebhookSignature.header(d.secret(), t, payload))
              .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
              .build();
      return Client.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException | IllegalArgumentException e) {
      LOG.info("webhook {} to endpoint {} failed: {}", d.eventId(), d.endpointId(), e.toString());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * The event as this endpoint receives it: in the endpoint's API version when it was created with
   * one, else the account's (the event's own). Tally's shapes are the same in every version.
   */
  private static com.fasterxml.jackson.databind.node.ObjectNode rendered(
      Event e, String endpointVersion) {
    com.fasterxml.jackson.databind.node.ObjectNode json = e.toJson();
    if (endpointVersion != null) {
      json.put("api_version", endpointVersion);
    }
    return json;
  }

  private void record(Due d, int status, boolean ok) {
    int attempts = d.attempts() + 1;
    Long next =
        ok || attempts >= MAX_ATTEMPTS
            ? null
            : clock.nowSeconds() + Math.min(3 * 86_400L, 60L << Math.min(attempts - 1, 12));
    db.write(h -> {
      h.createUpdate(
              "UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ?, delivered = ?,"
                  + " last_status = ? WHERE account_id = ? AND event_id = ? AND endpoint_id = ?")
          .bind(0, attempts)
          .bind(1, next)
          .bind(2, ok)
          .bind(3, status)
          .bind(4, d.accountId())
          .bind(5, d.eventId())
          .bind(6, d.endpointId())
          .execute();
      h.createUpdate(
              "INSERT INTO webhook_attempts (account_id, event_id, endpoint_id, attempt,"
                  + " attempted_at, status) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
          .bind(0, d.accountId())
          .bind(1, d.eventId())
          .bind(2, d.endpointId())
          .bind(3, attempts)
          .bind(4, clock.nowSeconds())
          .bind(5, status)
          .execute();
      if (ok) {
        h.createUpdate(
                "UPDATE events SET pending_webhooks = pending_webhooks - 1 WHERE account_id = ?"
                    + " AND id = ? AND pending_webhooks > 0")
            .bind(0, d.accountId())
            .bind(1, d.eventId())
            .execute();
      }
      return null;
    });
  }
}
