package tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tally.App;
import tally.core.Clock;

/** PostgreSQL goes away under the server and comes back: 500s that say "retry", then recovery. */
class DatabaseOutageTest {
  private static final String KEY = "sk_test_outage000000000000000";
  private static final Duration FAIL_FAST = Duration.ofSeconds(2);

  @Test
  void requestsFailRetryablyWhileTheDatabaseIsDownAndRecoverAfter(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("pg");
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
    int port = pg.getPort();
    String spec = "postgresql://postgres:postgres@localhost:" + port + "/postgres";
    App app = App.start(new App.Config("127.0.0.1", 0, spec, new Clock(), 0));
    try {
      app.accounts().ensure(KEY);
      assertThat(charge(app).statusCode()).isEqualTo(200);
      pg.close();
      long start = System.nanoTime();
      HttpResponse<String> down = charge(app);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("with the database down, a request failed in " + took.toMillis() + " ms");
      // Measured: 19-97 ms (PostgreSQL refuses the connection at once, the pool gives up); 2 s
      // leaves a 20x margin for a loaded machine, well under the pool's 3 s connection timeout.
      assertThat(took).isLessThan(FAIL_FAST);
      assertThat(down.statusCode()).isEqualTo(500);
      assertThat(down.body()).contains("\"type\" : \"api_error\"").doesNotContain("Exception");
      assertThat(down.headers().firstValue("Stripe-Should-Retry")).hasValue("true");
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
      HttpResponse<String> back = null;
      for (int i = 0; i < 50 && (back == null || back.statusCode() != 200); i++) {
        back = charge(app);
        Thread.sleep(200);
      }
      assertThat(back.statusCode()).isEqualTo(200);
      HttpResponse<String> list =
          send(app, HttpRequest.newBuilder(URI.create(base(app) + "/v1/charges")).GET());
      assertThat(list.body().split("\"object\" : \"charge\"")).hasSize(3);
    } finally {
      app.close();
      pg.close();
    }
  }

  private static String base(App app) {
    return "http://127.0.0.1:" + app.port();
  }

  private static HttpResponse<String> charge(App app) throws Exception {
    return send(
        app,
        HttpRequest.newBuilder(URI.create(base(app) + "/v1/charges"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("amount=1000&currency=usd&source=tok_visa")));
  }

  private static HttpResponse<String> send(App app, HttpRequest.Builder b) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            b.header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
