package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A proxy for suites that drive a server as a process (the stripe-node suite, the {@code *IT} tests
 * through {@link TallyProcess}): it forwards every request unchanged and checks each JSON response
 * against stripe-java's models and stripe-node's field presence ({@link ModelShapes}), keeping
 * every problem with its request line. When the server dies mid-request, the client's connection is
 * closed unanswered, as the server's own would be.
 *
 * <p>{@code java -cp <test classpath> tally.testing.RecordingProxy PORT TARGET_BASE PROBLEMS_FILE}
 */
public final class RecordingProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String target;
  private final Consumer<List<String>> sink;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  private RecordingProxy(int port, String target, Consumer<List<String>> sink) throws IOException {
    this.target = target;
    this.sink = sink;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    server.setExecutor(threads);
    server.createContext("/", this::forward);
    server.start();
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[2]);
    Object lock = new Object();
    new RecordingProxy(
        Integer.parseInt(args[0]),
        args[1],
        lines -> {
          synchronized (lock) {
            try {
              Files.writeString(
                  file,
                  String.join("\n", lines) + "\n",
                  StandardCharsets.UTF_8,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.APPEND);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        });
  }

  /**
   * A proxy in this JVM on a free port, in front of {@code target}, collecting into {@code out}.
   */
  public static RecordingProxy inFrontOf(String target, List<String> out) throws IOException {
    return new RecordingProxy(0, target, lines -> out.addAll(lines));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      URI uri = URI.create(target + exchange.getRequestURI());
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
              values.forEach(v -> request.header(name, v));
            }
          });
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
              exchange.getResponseHeaders().put(name, values);
            }
          });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
      String type = response.headers().firstValue("content-type").orElse("");
      if (type.startsWith("application/json")) {
        record(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(), answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(String requestLine, byte[] answer) {
    JsonNode body;
    try {
      body = JSON.readTree(answer);
    } catch (IOException e) {
      sink.accept(List.of(requestLine + ": the response is not JSON"));
      return;
    }
    List<String> found = new ArrayList<>();
    ModelShapes.problems(body).forEach(p -> found.add(requestLine + ": " + p));
    if (!found.isEmpty()) {
      sink.accept(found);
    }
  }
}
