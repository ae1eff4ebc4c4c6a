package tally.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code ./tally serve} as a separate process, for tests that kill, restart or race servers. Its
 * {@link #baseUrl()} is a {@link RecordingProxy} that shape-checks every JSON response; stopping
 * the server (close, terminate, kill -9) fails with the responses that did not match.
 */
public final class TallyProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  private final List<String> shapeProblems = Collections.synchronizedList(new ArrayList<>());
  private RecordingProxy proxy;

  private TallyProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the server on 127.0.0.1 with these API keys and waits until {@code /healthz} answers.
   */
  public static TallyProcess start(String db, String apiKeys, Path log)
      throws IOException, InterruptedException {
    return start(log, apiKeys, "--host", "127.0.0.1", "--db", db);
  }

  /**
   * Starts {@code ./tally serve --port <a free port>} with {@code args}, {@code TALLY_API_KEYS} set
   * to {@code apiKeys} (unset where null) and its output appended to {@code log}; waits until
   * {@code /healthz} answers.
   */
  public static TallyProcess start(Path log, String apiKeys, String... args)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command =
        new ArrayList<>(List.of("./tally", "serve", "--port", String.valueOf(port)));
    command.addAll(List.of(args));
    ProcessBuilder pb = serve(command, log, apiKeys);
    TallyProcess server = new TallyProcess(pb.start(), port, log);
    try {
      // The first start after a new jar trains the JVM's AOT cache (./tally): over 60 s measured
      // on two loaded cores.
      server.awaitHealthy(Duration.ofMinutes(2));
      server.proxy = RecordingProxy.inFrontOf(server.serverUrl(), server.shapeProblems);
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The process for {@code command}, its output appended to {@code log}, with these keys. */
  private static ProcessBuilder serve(List<String> command, Path log, String apiKeys) {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (apiKeys == null) {
      pb.environment().remove("TALLY_API_KEYS");
    } else {
      pb.environment().put("TALLY_API_KEYS", apiKeys);
    }
    return pb;
  }

  /** How a start that should fail ended: its exit code, output and duration. */
  public record Exit(int code, String output, Duration took) {}

  /**
   * Runs {@code ./tally serve} with {@code args} as given (no port is added) until it exits, at
   * most {@code timeout}; a server still running then is stopped and reported with code -1.
   */
  public static Exit runUntilExit(Path log, String apiKeys, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("./tally", "serve"));
    command.addAll(List.of(args));
    ProcessBuilder pb = serve(command, log, apiKeys);
    long start = System.nanoTime();
    Process process = pb.start();
    boolean exited =
        process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    if (!exited) {
      process.destroyForcibly();
      process.waitFor();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Exit(exited ? process.exitValue() : -1, Files.readString(log), took);
  }

  /** A port no one listens on now. */
  public static int unusedPort() throws IOException {
    return freePort();
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "tally serve exited with " + process.exitValue() + "; its output:\n" + output());
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(serverUrl() + "/healthz")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IOException(
        "tally serve did not become healthy in " + timeout + "; its output:\n" + output());
  }

  private String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The shape-checking proxy in front of the server: what clients should call. */
  public String baseUrl() {
    return proxy.baseUrl();
  }

  /** The server itself, unchecked: for raw sockets that test the server's own connections. */
  public String serverUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hooks, no flushing; what was acknowledged must already be durable. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    stopProxy();
  }

  /** Stops the proxy; fails with every response it saw that does not match Stripe's shapes. */
  private void stopProxy() {
    if (proxy == null) {
      return;
    }
    proxy.close();
    proxy = null;
    List<String> problems;
    synchronized (shapeProblems) {
      problems = List.copyOf(shapeProblems);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "responses of tally serve that do not match Stripe's shapes:\n"
              + String.join("\n", problems.stream().distinct().toList()));
    }
  }

  /** SIGTERM, as a service manager stops it; returns once the process exited, with its code. */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      stopProxy();
      return -1;
    }
    stopProxy();
    return process.exitValue();
  }

  /** Sends SIGTERM without waiting (the proxy stays up until {@link #terminate} or close). */
  public void signalTerm() {
    process.destroy();
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopProxy();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
