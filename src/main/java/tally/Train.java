package tally;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import tally.core.Clock;
import tally.core.Json;

/**
 * A training run for the JVM's ahead-of-time cache: {@code ./tally} runs it once per build with
 * {@code -XX:AOTCacheOutput}, so later starts find the server's classes loaded and linked (the
 * start to /healthz drops from about two seconds to about one). It serves a few typical requests on
 * a throwaway database and exits.
 */
@Command(name = "train", hidden = true, description = "Exercise the server once, then exit.")
final class Train implements Callable<Integer> {
  private static final String KEY = "sk_test_training0000000000";

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("tally-train");
    App.Config config =
        new App.Config("127.0.0.1", 0, dir.resolve("train.db").toString(), new Clock(), 0);
    try (App app = App.open(config)) {
      app.accounts().ensure(KEY);
      app.listen(config);
      exercise("http://127.0.0.1:" + app.port());
    } finally {
      deleteTree(dir);
    }
    return 0;
  }

  private static void exercise(String base) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    send(client, base, "GET", "/healthz", null);
    String charge =
        send(client, base, "POST", "/v1/charges", "amount=2000&currency=usd&source=tok_visa");
    String id = Json.tree(charge).path("id").asText();
    send(client, base, "GET", "/v1/charges/" + id, null);
    send(client, base, "POST", "/v1/refunds", "charge=" + id + "&amount=500");
    send(client, base, "GET", "/v1/charges?limit=10", null);
    send(client, base, "GET", "/v1/charges/search?query=amount%3E100", null);
    send(client, base, "GET", "/v1/balance", null);
  }

  private static String send(
      HttpClient client, String base, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY);
    if (body != null) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Idempotency-Key", "train-" + path + "-" + System.nanoTime())
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
