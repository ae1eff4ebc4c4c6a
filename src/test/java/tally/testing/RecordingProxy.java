package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A proxy for suites that drive a server as a process (the stripe-node suite): it forwards every
 * request unchanged and checks each JSON response against stripe-java's models ({@link
 * ModelShapes}), appending any problem, with its request line, to a file the suite's runner reads.
 *
 * <p>{@code java -cp <test classpath> tally.testing.RecordingProxy PORT TARGET_BASE PROBLEMS_FILE}
 */
public final class RecordingProxy {
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String target;
  private final Path problems;

  private RecordingProxy(String target, Path problems) {
    this.target = target;
    this.problems = problems;
  }

  public static void main(String[] args) throws IOException {
    RecordingProxy proxy = new RecordingProxy(args[1], Path.of(args[2]));
    HttpServer server =
        HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", proxy::forward);
    server.start();
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
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
              values.forEach(v -> request.header(name, v));
            }
          });
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))
                && !name.startsWith(":")) {
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

  private void record(String requestLine, byte[] answer) throws IOException {
    JsonNode body;
    try {
      body = JSON.readTree(answer);
    } catch (IOException e) {
      write(List.of(requestLine + ": the response is not JSON"));
      return;
    }
    List<String> found = ModelShapes.problems(body);
    if (!found.isEmpty()) {
      write(found.stream().map(p -> requestLine + ": " + p).toList());
    }
  }

  private synchronized void write(List<String> lines) throws IOException {
    Files.writeString(
        problems,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
