package tally.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps prepared statements open for reuse on one SQLite connection: preparing (SQLite compiling
 * the SQL) was a sixth of the writer's CPU. A statement in use is never handed out twice; a nested
 * use of the same SQL prepares another one, which is kept too. Only for a connection used by one
 * thread at a time; statements are prepared on the driver's connection, not on a pool's proxy,
 * which would close them when the connection goes back to the pool.
 */
final class StatementCache implements StatementBuilder {
  // Search and list SQL varies in shape with the client's query: past this many texts a new one
  // is closed after use instead of kept, so a connection's statements cannot grow without bound.
  private static final int MAX_TEXTS = 256;
  private final Map<String, ArrayDeque<PreparedStatement>> idle = new HashMap<>();
  // Jdbi closes with the statement's template, not the SQL it prepared: remember each one's SQL.
  private final Map<PreparedStatement, String> sqlOf = new java.util.IdentityHashMap<>();

  @Override
  public Statement create(Connection conn, StatementContext ctx) throws SQLException {
    return conn.createStatement();
  }

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    ArrayDeque<PreparedStatement> free = idle.get(sql);
    PreparedStatement cached = free == null ? null : free.pollFirst();
    if (cached != null) {
      return cached;
    }
    Connection raw = unwrap(conn);
    PreparedStatement prepared =
        ctx != null && ctx.isReturningGeneratedKeys()
            ? raw.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
            : raw.prepareStatement(sql);
    sqlOf.put(prepared, sql);
    return prepared;
  }

  @Override
  public CallableStatement createCall(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    return conn.prepareCall(sql);
  }

  @Override
  public void close(Connection conn, String template, Statement stmt) throws SQLException {
    String sql = stmt instanceof PreparedStatement ? sqlOf.get(stmt) : null;
    boolean full = sql != null && idle.size() >= MAX_TEXTS && !idle.containsKey(sql);
    if (sql == null || full || stmt.isClosed()) {
      sqlOf.remove(stmt);
      if (stmt != null) {
        stmt.close();
      }
      return;
    }
    PreparedStatement prepared = (PreparedStatement) stmt;
    prepared.clearParameters();
    idle.computeIfAbsent(sql, s -> new ArrayDeque<>()).addFirst(prepared);
  }

  /** Jdbi calls this as each handle closes; the statements outlive handles, see {@link #clear}. */
  @Override
  public void close(Connection conn) {}

  /** The driver's connection under a pool's proxy (which would close its statements on return). */
  static Connection unwrap(Connection conn) {
    try {
      return conn.unwrap(Connection.class);
    } catch (SQLException e) {
      return conn;
    }
  }

  /** Closes every kept statement (before the connection itself is closed). */
  void clear() {
    sqlOf.keySet().forEach(StatementCache::quietlyClose);
    sqlOf.clear();
    idle.clear();
  }

  private static void quietlyClose(Statement stmt) {
    try {
      stmt.close();
    } catch (SQLException ignored) {
      // the connection is going away with it
    }
  }
}
