package tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tally.App;
import tally.core.Clock;
import tally.testing.TestDatabases;

/**
 * SQLite on a disk that fills up (a small tmpfs, so root is needed to mount it): writes fail with
 * Stripe's retryable 500, reads still work, writes succeed again once space is freed, and the
 * database opens afterwards with every acknowledged charge in it.
 */
class DiskFullTest {
  private static final String KEY = "sk_test_diskFull0000000000000abcd";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFullDiskFailsWritesRetryablyAndLosesNothing(@TempDir Path dir) throws Exception {
    assumeTrue(!TestDatabases.onPostgres(), "SQLite only");
    Path disk = Files.createDirectories(dir.resolve("disk"));
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", disk.toString()) == 0,
        "needs root to mount a tmpfs");
    try {
      Path ballast = disk.resolve("ballast");
      String db = disk.resolve("t.db").toString();
      List<String> acknowledged = new ArrayList<>();
      int retryable = 0;
      App app = App.start(new App.Config("127.0.0.1", 0, db, new Clock(), 0));
      try {
        app.accounts().ensure(KEY);
        Files.write(ballast, new byte[1024 * 1024]);
        String metadata = metadata();
        for (int i = 0; i < 2_000 && retryable < 5; i++) {
          HttpResponse<String> r = charge(app, metadata);
          if (r.statusCode() == 200) {
            acknowledged.add(tally.core.Json.tree(r.body()).path("id").asText());
          } else {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
            assertThat(r.body()).contains("\"type\": \"api_error\"").doesNotContain("Exception");
            assertThat(r.headers().firstValue("Stripe-Should-Retry")).hasValue("true");
            retryable++;
          }
        }
        assertThat(retryable).as("the disk filled up").isPositive();
        assertThat(get(app, "/v1/charges?limit=1").statusCode())
            .as("reads still work")
            .isEqualTo(200);
        Files.delete(ballast);
        HttpResponse<String> after = charge(app, "");
        assertThat(after.statusCode())
            .as("writes work again once there is space: " + after.body())
            .isEqualTo(200);
        acknowledged.add(tally.core.Json.tree(after.body()).path("id").asText());
      } finally {
        app.close();
      }
      System.out.printf(
          "disk full: %d charges acknowledged, %d retryable 500s%n",
          acknowledged.size(), retryable);
      App reopened = App.start(new App.Config("127.0.0.1", 0, db, new Clock(), 0));
      try {
        for (String id : acknowledged) {
          assertThat(get(reopened, "/v1/charges/" + id).statusCode()).as(id).isEqualTo(200);
        }
      } finally {
        reopened.close();
      }
    } finally {
      run("umount", "-l", disk.toString());
    }
  }

  private static String metadata() {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 40; k++) {
      b.append("&metadata[k").append(k).append("]=").append("v".repeat(480));
    }
    return b.toString();
  }

  private static int run(String... command) throws Exception {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  private HttpResponse<String> charge(App app, String extra) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/charges"))
            .header("Authorization", "Bearer " + KEY)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(20))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "amount=1000&currency=usd&source=tok_visa" + extra))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(App app, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("Authorization", "Bearer " + KEY)
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
