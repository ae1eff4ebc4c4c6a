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
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tally.testing.TallyProcess;

/** {@code ./tally serve} as a user runs it: a separate process, spoken to with raw HTTP. */
// Each test starts ./tally serve (a JVM, the first one training its AOT cache) and waits up to 2
// minutes for it to answer.
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeProcessIT {
  private static final String KEY = "sk_test_processIt0000000000abcd";

  @Test
  void theLauncherAnswersVersionAndHelp(@TempDir Path dir) throws Exception {
    assertThat(run(dir, "./tally", "--version"))
        .startsWith("tally ")
        .contains("Stripe API version");
    assertThat(run(dir, "./tally", "serve", "--help"))
        .contains("Usage: tally serve")
        .contains("--db")
        .doesNotContain("Unknown option");
  }

  /** Runs the launcher to its end; its standard output (build chatter goes to stderr). */
  private static String run(Path dir, String... command) throws Exception {
    Path out = dir.resolve("out.txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return Files.readString(out);
  }

  @Test
  void servesChargesOverRawHttpAndLogsNoKey(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    long started = System.nanoTime();
    // No --host: the server binds every interface, as it does for a user.
    try (TallyProcess server =
        TallyProcess.start(log, KEY, "--db", dir.resolve("t.db").toString())) {
      System.out.printf(
          "./tally serve ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
      HttpClient http = HttpClient.newHttpClient();
      String base = server.baseUrl();

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
          .contains("\"object\": \"charge\"")
          .contains("\"status\": \"succeeded\"");
      assertThat(created.headers().firstValue("Request-Id")).isPresent();

      HttpResponse<String> wrongKey =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/charges"))
                  .header("Authorization", "Bearer sk_test_wrong")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(wrongKey.statusCode()).isEqualTo(401);
    }
    assertThat(read(log)).doesNotContain(KEY).contains("sk_test_************abcd");
  }

  @Test
  void withoutKeysAnEmptyDatabaseGetsOneAccountWhoseKeyIsPrintedOnce(@TempDir Path dir)
      throws Exception {
    String first = startAndStop(dir, "first.log");
    var key = java.util.regex.Pattern.compile("sk_test_[A-Za-z0-9]+").matcher(first);
    assertThat(key.find()).as("first start prints a key:%n%s", first).isTrue();
    String second = startAndStop(dir, "second.log");
    assertThat(second).doesNotContain("sk_test_");
  }

  /** Starts ./tally serve without TALLY_API_KEYS on dir/t.db until healthy; returns its output. */
  private static String startAndStop(Path dir, String logName) throws Exception {
    Path log = dir.resolve(logName);
    TallyProcess.start(log, null, "--host", "127.0.0.1", "--db", dir.resolve("t.db").toString())
        .close();
    return read(log);
  }

  private static String read(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }
}
