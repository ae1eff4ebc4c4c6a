package tally.testing;

import com.stripe.StripeClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tally.App;
import tally.core.Clock;
import tally.core.Ids;
import tally.http.ApiResponse;
import tally.http.Interceptor;

/**
 * The real server for a test class: started in-process on a free port over a fresh SQLite file,
 * with a settable clock. Every response it sends is checked against Stripe's OpenAPI schema and
 * against stripe-java's models of the current API version ({@link ModelShapes}); a test that
 * received a response violating either fails.
 */
public final class TallyServer implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private App app;
  private Path dir;
  private final Clock clock = new Clock();
  private final List<String> schemaProblems = Collections.synchronizedList(new ArrayList<>());
  private final HttpClient http = HttpClient.newHttpClient();
  private boolean openKeys;

  /** This server with {@code --open-keys}: unknown sk_test_ keys open their own accounts. */
  public TallyServer withOpenKeys() {
    this.openKeys = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("tally-test");
    Interceptor schemaCheck =
        chain -> {
          ApiResponse response = chain.proceed();
          var match = chain.exchange().match();
          String template =
              match == null ? chain.exchange().request().path() : match.route().template();
          if (template.startsWith("/v1/") || template.startsWith("/v2/")) {
            List<String> problems =
                template.startsWith("/v2/")
                    ? List.of() // the OpenAPI subset is v1's; v2 errors have types of their own
                    : OpenApiValidator.shared()
                        .validateResponse(
                            chain.exchange().request().method(),
                            template,
                            response.status(),
                            response.body());
            List<String> all = new ArrayList<>(problems);
            all.addAll(ModelShapes.problems(response.body()));
            all.forEach(p ->
                schemaProblems.add(
                    chain.exchange().request().method() + " " + template + ": " + p));
            if (match != null && all.isEmpty()) {
              RouteCoverage.record(
                  chain.exchange().request().method(),
                  template,
                  response.status(),
                  response.body());
            }
          }
          return response;
        };
    app =
        App.start(
            new App.Config(
                    "127.0.0.1", 0, TestDatabases.fresh(dir), clock, 0, List.of(schemaCheck), null)
                .withOpenKeys(openKeys));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> problems;
    synchronized (schemaProblems) {
      problems = List.copyOf(schemaProblems);
      schemaProblems.clear();
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "responses that do not match Stripe's schema:\n" + String.join("\n", problems));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    app.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + app.port();
  }

  public int port() {
    return app.port();
  }

  public Clock clock() {
    return clock;
  }

  public App app() {
    return app;
  }

  /** Runs the background jobs that are due at the clock's time. */
  public int runJobs() {
    return app.scheduler().runDue();
  }

  /** A fresh account's secret key. */
  public String newKey() {
    String key = "sk_test_" + Ids.random(24);
    app.accounts().ensure(key);
    return key;
  }

  /** stripe-java pointed at this server, for a fresh account. */
  public StripeClient newClient() {
    return client(newKey());
  }

  public StripeClient client(String key) {
    return StripeClient.builder()
        .setApiKey(key)
        .setApiBase(baseUrl())
        .setMaxNetworkRetries(0)
        .build();
  }

  /**
   * A raw HTTP exchange, for what the SDK cannot send (odd encodings, no key, curl's Basic auth).
   */
  public HttpResponse<String> raw(
      String method, String path, String key, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    headers.forEach(b::header);
    if (body != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
