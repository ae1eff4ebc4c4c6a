package tally.http;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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

  private final Server server;
  private final ServerConnector connector;

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
    server.setHandler(new PipelineHandler(pipeline));
    server.setErrorHandler(new JsonErrorHandler());
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
}
