package tally.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;

/**
 * One {@link StatementCache} per pooled SQLite connection: a read otherwise compiled its SQL anew
 * on every request (a fifth of a {@code GET /v1/charges/{id}}). Statements are prepared on the
 * connection under the pool's proxy, so the pool does not close them when the connection returns;
 * the pool hands a connection to one thread at a time, which is all a cache needs.
 */
final class PooledStatementCaches implements StatementBuilderFactory {
  private final Map<Connection, StatementCache> caches = new ConcurrentHashMap<>();

  @Override
  public StatementBuilder createStatementBuilder(Connection conn) {
    Connection raw = StatementCache.unwrap(conn);
    StatementCache cache = caches.get(raw);
    if (cache == null) {
      // A new connection: the pool may have retired others; their statements died with them.
      caches.keySet().removeIf(PooledStatementCaches::isClosed);
      cache = caches.computeIfAbsent(raw, c -> new StatementCache());
    }
    return cache;
  }

  private static boolean isClosed(Connection conn) {
    try {
      return conn.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }
}
