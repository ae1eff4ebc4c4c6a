package tally.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** {@code ./tally serve} as a separate process, for tests that kill, restart or race servers. */
public final class TallyProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private TallyProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server and waits until {@code /healthz} answers. */
  public static TallyProcess start(String db, String apiKeys, Path log)
      throws IOException, InterruptedException {
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                "./tally",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--db",
                db)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("TALLY_API_KEYS", apiKeys);
    TallyProcess server = new TallyProcess(pb.start(), port);
    server.awaitHealthy(Duration.ofSeconds(60));
    return server;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("tally serve exited with " + process.exitValue());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IOException("tally serve did not become healthy in " + timeout);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hooks, no flushing; what was acknowledged must already be durable. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
