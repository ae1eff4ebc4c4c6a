package tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tally.core.Json;
import tally.testing.TallyProcess;

/**
 * Every bearer secret a session makes (API keys, portal tokens, checkout page ids, client secrets,
 * webhook signing secrets) is used the ways a client uses it, right and wrong; the server's whole
 * log, access lines included, must then contain none of them.
 */
class SecretsInLogsIT {
  private static final String KEY = "sk_test_secretsIt000000000000abcd";
  private final HttpClient http = HttpClient.newHttpClient();
  private String base;

  @ParameterizedTest
  @ValueSource(strings = {"text", "json"})
  void noSecretAppearsInTheServersLog(String format, @TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    List<String> secrets = new ArrayList<>(List.of(KEY));
    try (TallyProcess server =
        TallyProcess.start(
            log,
            KEY,
            "--host",
            "127.0.0.1",
            "--db",
            dir.resolve("t.db").toString(),
            "--log-format",
            format)) {
      base = server.baseUrl();
      String customer = id(post(KEY, "/v1/customers", "email=s@example.com"));
      var portal =
          Json.tree(post(KEY, "/v1/billing_portal/sessions", "customer=" + customer).body());
      String portalUrl = portal.path("url").asText();
      String token = portalUrl.substring(portalUrl.lastIndexOf('/') + 1);
      secrets.add(token);
      var checkout =
          Json.tree(
              post(
                      KEY,
                      "/v1/checkout/sessions",
                      "mode=payment&success_url=https://example.com/s&line_items[0][price_data][currency]=usd"
                          + "&line_items[0][price_data][unit_amount]=700&line_items[0][price_data][product_data][name]=T"
                          + "&line_items[0][quantity]=1")
                  .body());
      String checkoutId = checkout.path("id").asText();
      secrets.add(checkoutId);
      if (checkout.hasNonNull("client_secret")) {
        secrets.add(checkout.path("client_secret").asText());
      }
      var hook =
          Json.tree(
              post(KEY, "/v1/webhook_endpoints", "url=https://example.com/h&enabled_events[]=*")
                  .body());
      secrets.add(hook.path("secret").asText());

      // The hosted pages, as a browser and as a guesser uses them.
      get(null, "/p/session/" + token);
      get(null, "/p/session/" + token + "/cards");
      get(null, "/p/session/" + token + "/nope");
      post(null, "/p/session/" + token + "/customer", "email=x");
      get(null, "/c/pay/" + checkoutId);
      post(null, "/c/pay/" + checkoutId, "email=p@example.com&card=4000000000000002");
      get(null, "/c/pay/" + checkoutId + "/extra");
      // Keys right and wrong, in every place a client might put one.
      String wrong = "sk_test_wrongButSecret000000000zzzz";
      secrets.add(wrong);
      get(wrong, "/v1/charges");
      get(null, "/v1/charges?api_key=" + KEY);
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/v1/charges"))
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/v1/charges"))
              .header("Authorization", "Bearer " + KEY)
              .header("Stripe-Account", "acct_" + KEY)
              .build(),
          HttpResponse.BodyHandlers.ofString());
      post(KEY, "/v1/charges", "amount=100&currency=usd&source=tok_visa&description=" + wrong);
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/v1/charges"))
              .header("Authorization", "Bearer " + KEY)
              .header("Idempotency-Key", "order-4711")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("amount=100&currency=usd&source=tok_nope"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      server.terminate(Duration.ofSeconds(40));
    }
    String written = Files.readString(log);
    assertThat(written)
        .contains("tally.access"); // the access log was on: the check means something
    for (String secret : secrets) {
      assertThat(written).as("the log holds a secret").doesNotContain(secret);
    }
    if (format.equals("json")) {
      checkJsonAccessLines(written);
    }
    System.out.printf(
        "%d secrets checked against %d log lines%n", secrets.size(), written.lines().count());
  }

  /**
   * Every log line the server wrote is one JSON object; access lines carry the account, a 4xx's
   * error code and the idempotency key as fields.
   */
  private static void checkJsonAccessLines(String written) {
    List<com.fasterxml.jackson.databind.JsonNode> access = new ArrayList<>();
    for (String line : written.lines().toList()) {
      if (line.contains("\"logger\":")) {
        var json = Json.tree(line);
        assertThat(json.path("time").asText()).isNotEmpty();
        if (json.path("logger").asText().equals("tally.access")) {
          access.add(json);
        }
      }
    }
    assertThat(access).hasSizeGreaterThan(10);
    assertThat(access)
        .anySatisfy(a -> {
          assertThat(a.path("idempotency_key").asText()).isEqualTo("order-4711");
          assertThat(a.path("status").asInt()).isEqualTo(404);
          assertThat(a.path("error_code").asText()).isEqualTo("resource_missing");
          assertThat(a.path("account").asText()).startsWith("acct_");
        });
    assertThat(access)
        .anySatisfy(a -> {
          assertThat(a.path("status").asInt()).isEqualTo(401);
          assertThat(a.has("account")).isFalse();
        });
    assertThat(access)
        .filteredOn(a -> a.path("status").asInt() == 200)
        .allSatisfy(a -> assertThat(a.has("error_code")).isFalse());
  }

  private static String id(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body()).path("id").asText();
  }

  private HttpResponse<String> post(String key, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String key, String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
