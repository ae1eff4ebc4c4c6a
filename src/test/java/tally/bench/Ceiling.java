package tally.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tally.store.Db;

/**
 * This machine's ceiling for bench/run, on Tally's own parts: Jetty 12 on virtual threads as Tally
 * runs it, and Tally's {@link Db} (the SQLite group commit, or a pooled PostgreSQL transaction). A
 * GET answers stored bytes of a real charge (or of a list page, for {@code limit=}): no auth, no
 * routing, no database, so it is the most any HTTP server of this stack can serve. A POST reads the
 * body and durably inserts one row holding the charge's bytes before answering them: the least a
 * durable server must write per request.
 *
 * <p>{@code java -cp … tally.bench.Ceiling PORT DB CHARGE_JSON LIST_JSON}
 */
public final class Ceiling extends Handler.Abstract {
  private final byte[] charge;
  private final byte[] list;
  private final Db db;

  private Ceiling(byte[] charge, byte[] list, Db db) {
    this.charge = charge;
    this.list = list;
    this.db = db;
  }

  public static void main(String[] args) throws Exception {
    Db db = Db.open(args[1]);
    db.write(
        h -> h.execute("CREATE TABLE IF NOT EXISTS ceiling_rows (id TEXT PRIMARY KEY, body TEXT)"));
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(
        java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory()));
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(args[0]));
    server.addConnector(connector);
    server.setHandler(
        new Ceiling(
            Files.readAllBytes(Path.of(args[2])), Files.readAllBytes(Path.of(args[3])), db));
    server.start();
    server.join();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    byte[] body;
    if (request.getMethod().equals("POST")) {
      // The request's form is read whole, as any server must, then one row is made durable.
      Content.Source.asString(request, StandardCharsets.UTF_8);
      String row = new String(charge, StandardCharsets.UTF_8);
      db.write(h ->
          h.execute(
              "INSERT INTO ceiling_rows (id, body) VALUES (?, ?)",
              UUID.randomUUID().toString(),
              row));
      body = charge;
    } else {
      String query = request.getHttpURI().getQuery();
      body = query != null && query.contains("limit=") ? list : charge;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
