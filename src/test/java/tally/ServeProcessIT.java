package tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tally serve} as a user runs it: a separate process, spoken to with raw HTTP. */
class ServeProcessIT {
  private static final String KEY = "sk_test_processIt0000000000abcd";

  @Test
  void servesChargesOverRawHttpAndLogsNoKey(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("server.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                "./tally",
                "serve",
                "--port",
                String.valueOf(port),
                "--db",
                dir.resolve("t.db").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("TALLY_API_KEYS", KEY);
    long started = System.nanoTime();
    Process process = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      HttpResponse<String> health = null;
      for (int i = 0; i < 300 && (health == null || health.statusCode() != 200); i++) {
        try {
          health =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                  HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException notYet) {
          Thread.sleep(100);
        }
        assertThat(process.isAlive()).as("server process alive; log:\n%s", read(log)).isTrue();
      }
      assertThat(health).isNotNull();
      System.out.printf(
          "./tally serve ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);

      String basic =
          Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/charges"))
                  .header("Authorization", "Basic " + basic)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "amount=2000&currency=usd&source=tok_visa"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(created.body())
          .contains("\"object\" : \"charge\"")
          .contains("\"status\" : \"succeeded\"");
      assertThat(created.headers().firstValue("Request-Id")).isPresent();

      HttpResponse<String> wrongKey =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/charges"))
                  .header("Authorization", "Bearer sk_test_wrong")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrongKey.statusCode()).isEqualTo(401);
    } finally {
      process.destroy();
      process.waitFor();
    }
    assertThat(read(log)).doesNotContain(KEY).contains("sk_test_************abcd");
  }

  @Test
  void withoutKeysAnEmptyDatabaseGetsOneAccountWhoseKeyIsPrintedOnce(@TempDir Path dir)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String first = startAndStop(dir, port, "first.log");
    var key = java.util.regex.Pattern.compile("sk_test_[A-Za-z0-9]+").matcher(first);
    assertThat(key.find()).as("first start prints a key:%n%s", first).isTrue();
    String second = startAndStop(dir, port, "second.log");
    assertThat(second).doesNotContain("sk_test_");
  }

  /** Starts ./tally serve without TALLY_API_KEYS on dir/t.db until healthy; returns its output. */
  private static String startAndStop(Path dir, int port, String logName) throws Exception {
    Path log = dir.resolve(logName);
    ProcessBuilder pb =
        new ProcessBuilder(
                "./tally",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--db",
                dir.resolve("t.db").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().remove("TALLY_API_KEYS");
    Process process = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 300; i++) {
        try {
          if (http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200) {
            break;
          }
        } catch (java.io.IOException notYet) {
          Thread.sleep(100);
        }
      }
    } finally {
      process.destroy();
      process.waitFor();
    }
    return read(log);
  }

  private static String read(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }
}
