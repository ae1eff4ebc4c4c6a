package tally.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Borrows connections from the pool, telling a busy pool from a broken one. The pool's short
 * timeout (3 s) is there so that requests fail fast while the database is away; but a burst of
 * requests on a loaded machine also finds every connection in use, and those requests must wait
 * their turn, not fail. While every connection is out (the database answers, just not fast enough),
 * a borrower keeps waiting, up to {@link #PATIENCE_SECONDS}.
 */
final class PatientPool implements ConnectionFactory {
  static final long PATIENCE_SECONDS = 30;
  private final HikariDataSource pool;

  PatientPool(HikariDataSource pool) {
    this.pool = pool;
  }

  @Override
  public Connection openConnection() throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    while (true) {
      try {
        return pool.getConnection();
      } catch (SQLTransientConnectionException e) {
        if (!busy() || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Every connection is checked out by a request: the database is slow, not gone. */
  private boolean busy() {
    var stats = pool.getHikariPoolMXBean();
    return stats != null && stats.getActiveConnections() >= pool.getMaximumPoolSize();
  }
}
