package tally.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;

/**
 * One {@link StatementCache} per SQLite connection (the pool's and the writer's), for Jdbi and for
 * {@link Sql} alike: a read otherwise compiled its SQL anew on every request (a fifth of a {@code
 * GET /v1/charges/{id}}). Statements are prepared on the driver's connection under the pool's
 * proxy, so the pool does not close them when the connection returns; a connection is used by one
 * thread at a time, which is all a cache needs. PostgreSQL's driver keeps its own.
 */
final class StatementCaches implements StatementBuilderFactory {
  private static final Map<Connection, StatementCache> CACHES = new ConcurrentHashMap<>();

  @Override
  public StatementBuilder createStatementBuilder(Connection conn) {
    return of(StatementCache.unwrap(conn));
  }

  /** The cache of an SQLite connection ({@code raw}: the driver's, not a pool's proxy). */
  static StatementCache of(Connection raw) {
    StatementCache cache = CACHES.get(raw);
    if (cache == null) {
      // A new connection: the pool may have retired others; their statements died with them.
      CACHES.keySet().removeIf(StatementCaches::isClosed);
      cache = CACHES.computeIfAbsent(raw, c -> new StatementCache());
    }
    return cache;
  }

  /** Closes and forgets the statements of a connection about to be closed. */
  static void discard(Connection raw) {
    StatementCache cache = CACHES.remove(raw);
    if (cache != null) {
      cache.clear();
    }
  }

  private static boolean isClosed(Connection conn) {
    try {
      return conn.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
