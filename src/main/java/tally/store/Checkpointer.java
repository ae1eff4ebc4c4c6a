package tally.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite WAL back into the database file on its own thread and connection, so the writer
 * rarely has to: a checkpoint inside a commit (SQLite's default, every thousand pages) cost the
 * group commit more than its own page writes. A passive checkpoint never blocks the writer.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final long PAUSE_MILLIS = 250;
  private final DataSource source;
  private final Thread thread;
  private volatile boolean running = true;

  Checkpointer(DataSource source) {
    this.source = source;
    this.thread = Threads.start("tally-checkpoint", this::loop);
  }

  private void loop() {
    boolean warned = false;
    while (running) {
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      try (Connection conn = source.getConnection();
          Statement stmt = conn.createStatement()) {
        stmt.execute("PRAGMA wal_checkpoint(PASSIVE)");
        warned = false;
      } catch (SQLException e) {
        if (!warned) {
          LOG.warn("WAL checkpoint failed, will retry: {}", e.toString());
          warned = true;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    Threads.awaitStop(thread);
  }
}
