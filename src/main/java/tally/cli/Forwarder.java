package tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tally.core.Ids;
import tally.core.Json;
import tally.events.WebhookSignature;

/**
 * What {@code tally listen} does: polls {@code /v1/events} for events newer than the last one seen
 * ({@code ending_before}) and posts each, oldest first, to a local URL, signed with its own {@code
 * whsec_} secret as Stripe signs webhooks.
 */
final class Forwarder {
  private final ApiClient api;
  private final URI target;
  private final Set<String> types;
  private final PrintStream out;
  private final String secret = "whsec_" + Ids.random(32);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String cursor;

  /** {@code types}: the event types to forward; empty or containing "*": all of them. */
  Forwarder(ApiClient api, URI target, Set<String> types, PrintStream out) {
    this.api = api;
    this.target = target;
    this.types = types;
    this.out = out;
  }

  String secret() {
    return secret;
  }

  /** Starts from the newest event: only what happens from now on is forwarded. */
  void start() {
    JsonNode newest = api.get("/v1/events?limit=1").path("data");
    cursor = newest.isEmpty() ? null : newest.get(0).path("id").asText();
  }

  /** Forwards every event since the last poll; how many were sent. */
  int poll() {
    List<JsonNode> fresh = cursor == null ? everything() : newerThanCursor();
    if (!fresh.isEmpty()) {
      cursor = fresh.getLast().path("id").asText();
    }
    int sent = 0;
    for (JsonNode event : fresh) {
      String type = event.path("type").asText();
      if (types.isEmpty() || types.contains("*") || types.contains(type)) {
        forward(event, type);
        sent++;
      }
    }
    return sent;
  }

  /**
   * Events newer than the cursor, oldest first: {@code ending_before} pages step towards the
   * newest, each page itself newest first.
   */
  private List<JsonNode> newerThanCursor() {
    List<JsonNode> fresh = new ArrayList<>();
    String before = cursor;
    while (true) {
      JsonNode page = api.get("/v1/events?limit=100&ending_before=" + before);
      JsonNode data = page.path("data");
      if (data.isEmpty()) {
        return fresh;
      }
      for (int i = data.size() - 1; i >= 0; i--) {
        fresh.add(data.get(i));
      }
      before = data.get(0).path("id").asText();
      if (!page.path("has_more").asBoolean()) {
        return fresh;
      }
    }
  }

  /** The account had no event when listening began: all of them, oldest first. */
  private List<JsonNode> everything() {
    List<JsonNode> newestFirst = new ArrayList<>();
    String after = null;
    while (true) {
      JsonNode page =
          api.get("/v1/events?limit=100" + (after == null ? "" : "&starting_after=" + after));
      page.path("data").forEach(newestFirst::add);
      if (!page.path("has_more").asBoolean() || newestFirst.isEmpty()) {
        return newestFirst.reversed();
      }
      after = newestFirst.getLast().path("id").asText();
    }
  }

  private void forward(JsonNode event, String type) {
    String id = event.path("id").asText();
    String payload = Json.write(event);
    long t = System.currentTimeMillis() / 1000;
    out.printf("--> %s [%s]%n", type, id);
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .header("Stripe-Signature", WebhookSignature.header(secret, t, payload))
            .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      out.printf("<-- [%d] POST %s [%s]%n", status, target, id);
    } catch (IOException e) {
      out.printf("[ERROR] Failed to POST: %s (%s) [%s]%n", target, e.getMessage(), id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
