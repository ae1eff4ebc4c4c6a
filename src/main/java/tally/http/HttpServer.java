package tally.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tally.core.Json;

/** Jetty on virtual threads, adapting each HTTP exchange to the {@link Pipeline}. */
public final class HttpServer implements AutoCloseable {
  static {
    // Jetty sizes its queues' padding by asking the platform MBean server about compressed oops,
    // which took 70 ms of every start. With compressed oops (heaps under 32 GB) a 64-byte cache
    // line holds 16 references: the answer it would find.
    if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
      System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }
  }

  private final Server server;
  private final ServerConnector connector;

  public HttpServer(String host, int port, Pipeline pipeline) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("tally-http");
    threads.setVirtualThreadsExecutor(
        java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("tally-request-", 0).factory()));
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new PipelineHandler(pipeline));
  }

  public void start() throws Exception {
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("HTTP server did not stop cleanly", e);
    }
  }

  private static final class PipelineHandler extends Handler.Abstract {
    // Stripe pretty-prints its JSON; the writer is immutable, so one serves every request.
    private static final com.fasterxml.jackson.databind.ObjectWriter PRETTY =
        Json.MAPPER.writerWithDefaultPrettyPrinter();
    private final Pipeline pipeline;

    PipelineHandler(Pipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      Map<String, String> headers = new HashMap<>();
      for (HttpField field : request.getHeaders()) {
        headers.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
      }
      String body = Content.Source.asString(request, StandardCharsets.UTF_8);
      ApiRequest apiRequest =
          new ApiRequest(
              request.getMethod(),
              request.getHttpURI().getPath(),
              request.getHttpURI().getQuery(),
              body,
              headers);
      ApiResponse apiResponse = pipeline.handle(apiRequest);
      response.setStatus(apiResponse.status());
      if (apiResponse.file() != null) {
        apiResponse.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(apiResponse.file()), callback);
        return true;
      }
      if (apiResponse.html() != null) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        apiResponse.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(
            true, ByteBuffer.wrap(apiResponse.html().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
      response.getHeaders().put("Access-Control-Allow-Origin", "*");
      apiResponse.headers().forEach((k, v) -> response.getHeaders().put(k, v));
      byte[] bytes = PRETTY.writeValueAsBytes(apiResponse.body());
      response.write(true, ByteBuffer.wrap(bytes), callback);
      return true;
    }
  }
}
