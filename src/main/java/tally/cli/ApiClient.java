package tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import tally.core.Json;

/** The Stripe API over HTTP for {@code trigger} and {@code listen}, as the Stripe CLI calls it. */
final class ApiClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String key;

  ApiClient(String base, String key) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.key = key;
  }

  /** A failed call: the server's status and error message. */
  static final class Failure extends RuntimeException {
    final int status;

    Failure(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** The secret key to use: the flag, else TALLY_API_KEYS' first key, else STRIPE_API_KEY. */
  static String keyFrom(String flag) {
    if (flag != null && !flag.isBlank()) {
      return flag.trim();
    }
    String keys = System.getenv("TALLY_API_KEYS");
    if (keys != null && !keys.isBlank()) {
      return keys.split(",")[0].trim();
    }
    String stripe = System.getenv("STRIPE_API_KEY");
    return stripe == null || stripe.isBlank() ? null : stripe.trim();
  }

  JsonNode get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
  }

  /** POST form parameters given as alternating names and values. */
  JsonNode post(String path, String... params) {
    StringJoiner form = new StringJoiner("&");
    for (int i = 0; i + 1 < params.length; i += 2) {
      form.add(encode(params[i]) + "=" + encode(params[i + 1]));
    }
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
  }

  JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  /** A hosted page's form (checkout), posted as a browser would: no key. */
  int postPage(String path, Map<String, String> fields) {
    StringJoiner form = new StringJoiner("&");
    fields.forEach((k, v) -> form.add(encode(k) + "=" + encode(v)));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new Failure(-1, "cannot reach " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(-1, "interrupted");
    }
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpRequest request =
        builder
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .header("User-Agent", "tally-cli")
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Failure(-1, "cannot reach " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(-1, "interrupted");
    }
    JsonNode body = Json.tree(response.body());
    if (response.statusCode() >= 300) {
      String message = body == null ? response.body() : body.at("/error/message").asText();
      throw new Failure(
          response.statusCode(),
          request.method()
              + " "
              + request.uri().getPath()
              + ": "
              + response.statusCode()
              + " "
              + message);
    }
    return body;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
