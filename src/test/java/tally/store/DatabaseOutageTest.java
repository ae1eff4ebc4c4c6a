package tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tally.App;
import tally.core.Clock;
import tally.core.Json;

/** PostgreSQL goes away under the server and comes back: 500s that say "retry", then recovery. */
class DatabaseOutageTest {
  private static final String KEY = "sk_test_outage000000000000000";
  private static final Duration FAIL_FAST = Duration.ofSeconds(4);

  @Test
  void requestsFailRetryablyWhileTheDatabaseIsDownAndRecoverAfter(@TempDir Path dir)
      throws Exception {
    Database pg = new Database(dir.resolve("pg"));
    App app = pg.startApp();
    try {
      app.accounts().ensure(KEY);
      assertThat(charge(app).statusCode()).isEqualTo(200);
      pg.stop();
      long start = System.nanoTime();
      HttpResponse<String> down = charge(app);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("with the database down, a request failed in " + took.toMillis() + " ms");
      // Measured: 19-97 ms when the request reuses a pooled connection at once (its query fails);
      // about 3.1 s on a loaded machine, where the pool first checks the idle connection, finds it
      // dead and gives up after its 3 s connection timeout. The bound is that timeout, plus 1 s.
      assertThat(took).isLessThan(FAIL_FAST);
      assertThat(down.statusCode()).isEqualTo(500);
      assertThat(down.body()).contains("\"type\": \"api_error\"").doesNotContain("Exception");
      assertThat(down.headers().firstValue("Stripe-Should-Retry")).hasValue("true");
      pg.restart();
      HttpResponse<String> back = null;
      for (int i = 0; i < 50 && (back == null || back.statusCode() != 200); i++) {
        back = charge(app);
        Thread.sleep(200);
      }
      assertThat(back.statusCode()).isEqualTo(200);
      HttpResponse<String> list =
          send(app, HttpRequest.newBuilder(URI.create(base(app) + "/v1/charges")).GET());
      assertThat(list.body().split("\"object\": \"charge\"")).hasSize(3);
    } finally {
      app.close();
      pg.close();
    }
  }

  /**
   * Eight clients write charges without pause while PostgreSQL stops and restarts: every answer is
   * a 200 or a retryable error, none takes long, the server recovers by itself, and every charge
   * that was acknowledged is there afterwards.
   */
  @Test
  void underLoadNothingHangsNothingAcknowledgedIsLostAndTheServerRecovers(@TempDir Path dir)
      throws Exception {
    Database pg = new Database(dir.resolve("pg"));
    App app = pg.startApp();
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    Queue<String> wrong = new ConcurrentLinkedQueue<>();
    AtomicInteger retryable = new AtomicInteger();
    AtomicLong slowestMillis = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    try {
      app.accounts().ensure(KEY);
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        clients.add(
            Thread.ofVirtual()
                .start(() -> {
                  while (running.get()) {
                    long start = System.nanoTime();
                    try {
                      HttpResponse<String> r = charge(app);
                      slowestMillis.accumulateAndGet(
                          (System.nanoTime() - start) / 1_000_000, Math::max);
                      if (r.statusCode() == 200) {
                        acknowledged.add(Json.tree(r.body()).path("id").asText());
                      } else if (r.statusCode() >= 429
                          && r.headers().firstValue("Stripe-Should-Retry").orElse("").equals("true")
                          && !r.body().contains("Exception")) {
                        retryable.incrementAndGet();
                      } else {
                        wrong.add(r.statusCode() + " " + r.body());
                      }
                    } catch (Exception e) {
                      wrong.add("no answer: " + e);
                    }
                  }
                }));
      }
      Thread.sleep(1_500);
      int beforeOutage = acknowledged.size();
      pg.stop();
      Thread.sleep(3_000);
      int duringOutage = retryable.get();
      pg.restart();
      int atRestart = acknowledged.size();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (acknowledged.size() < atRestart + 20 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      running.set(false);
      for (Thread t : clients) {
        t.join();
      }
      System.out.printf(
          "outage under load: %d acknowledged before, %d retryable errors while down, %d acknowledged"
              + " in all, slowest answer %d ms%n",
          beforeOutage, duringOutage, acknowledged.size(), slowestMillis.get());
      assertThat(wrong).as("answers that were neither a success nor a retryable error").isEmpty();
      assertThat(duringOutage).as("requests during the outage were answered").isPositive();
      assertThat(acknowledged.size())
          .as("the server recovered by itself")
          .isGreaterThanOrEqualTo(atRestart + 20);
      assertThat(slowestMillis.get()).as("no request hangs").isLessThan(10_000);
      for (String id : acknowledged) {
        HttpResponse<String> found =
            send(app, HttpRequest.newBuilder(URI.create(base(app) + "/v1/charges/" + id)).GET());
        assertThat(found.statusCode()).as("acknowledged " + id + " is kept").isEqualTo(200);
      }
    } finally {
      running.set(false);
      app.close();
      pg.close();
    }
  }

  /** Embedded PostgreSQL whose data directory and port outlive a stop. */
  private static final class Database implements AutoCloseable {
    private final Path data;
    private EmbeddedPostgres pg;
    private final int port;

    Database(Path data) throws IOException {
      this.data = data;
      this.pg =
          EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
      this.port = pg.getPort();
    }

    App startApp() throws Exception {
      String spec = "postgresql://postgres:postgres@localhost:" + port + "/postgres";
      return App.start(new App.Config("127.0.0.1", 0, spec, new Clock(), 0));
    }

    void stop() throws IOException {
      pg.close();
    }

    /** Starts PostgreSQL again on the same data and port. */
    void restart() throws IOException {
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
    }

    @Override
    public void close() throws IOException {
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
