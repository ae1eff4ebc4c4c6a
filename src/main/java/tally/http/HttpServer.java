package tally.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

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

  /** How long a stop waits for requests in flight before cutting them off. */
  static final long DRAIN_MILLIS = 30_000;

  private final Server server;
  private final ServerConnector connector;
  private final GracefulHandler graceful;

  /** What a stop found in flight, and how many of those it had to cut off. */
  public record Drained(long inFlight, long unfinished, long millis) {}

  public HttpServer(String host, int port, Pipeline pipeline) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("tally-http");
    threads.setVirtualThreadsExecutor(
        java.util.concurrent.Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("tally-request-", 0).factory()));
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    // No "Server: Jetty(12.x)" header: it tells a client nothing and an attacker the version.
    http.setSendServerVersion(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    // Stopping (SIGTERM) closes the port, answers requests that still arrive on open connections
    // with a 503, and lets those in flight finish, for up to DRAIN_MILLIS.
    graceful = new DrainingHandler(new PipelineHandler(pipeline));
    // A client silent mid-upload (or an idle keep-alive connection) holds the drain 2 s at most.
    graceful.setShutdownIdleTimeout(2_000);
    server.setHandler(graceful);
    server.setErrorHandler(new JsonErrorHandler());
  }

  public void start() throws Exception {
    server.start();
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** Requests being handled right now. */
  public long inFlight() {
    return graceful.getCurrentRequestCount();
  }

  /** Stops accepting, waits for the requests in flight (up to 30 s), then stops. */
  public Drained drain() {
    long start = System.nanoTime();
    long inFlight = inFlight();
    server.setStopTimeout(DRAIN_MILLIS);
    stop();
    return new Drained(inFlight, inFlight(), (System.nanoTime() - start) / 1_000_000);
  }

  /** Stops at once, cutting off anything in flight (tests, tools); a server stops by drain(). */
  @Override
  public void close() {
    server.setStopTimeout(0);
    stop();
  }

  private void stop() {
    try {
      server.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      // Some requests outlived the drain; drain() reports how many.
    } catch (Exception e) {
      throw new IllegalStateException("HTTP server did not stop cleanly", e);
    }
  }
}
