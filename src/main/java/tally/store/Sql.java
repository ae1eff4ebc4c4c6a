package tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a request's handle, for the statements every write runs (inserts, a row by id,
 * idempotency keys): Jdbi's setup of each statement (a context, its configuration, an argument
 * factory looked up per value) cost several times SQLite's own work for it. Positional arguments;
 * {@code <forUpdate>} becomes {@code FOR UPDATE} on PostgreSQL and nothing on SQLite.
 */
public final class Sql {
  private static final String FOR_UPDATE = "<forUpdate>";

  private Sql() {}

  /** Reads one row of a result. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  private interface Work<R> {
    R run(PreparedStatement ps) throws SQLException;
  }

  /** An INSERT, UPDATE or DELETE: the number of rows it changed. */
  public static int update(Handle h, String sql, Object... args) {
    return run(h, sql, args, PreparedStatement::executeUpdate);
  }

  /** The first row, if any. */
  public static <T> Optional<T> one(Handle h, String sql, RowReader<T> reader, Object... args) {
    return run(
        h,
        sql,
        args,
        ps -> {
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.empty();
          }
        });
  }

  /** Every row. */
  public static <T> List<T> list(Handle h, String sql, RowReader<T> reader, Object... args) {
    return run(
        h,
        sql,
        args,
        ps -> {
          List<T> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(reader.read(rs));
            }
          }
          return rows;
        });
  }

  private static <R> R run(Handle h, String sql, Object[] args, Work<R> work) {
    Connection conn = h.getConnection();
    try {
      Connection raw = StatementCache.unwrap(conn);
      boolean sqlite = raw instanceof org.sqlite.SQLiteConnection;
      String text =
          sql.contains(FOR_UPDATE) ? sql.replace(FOR_UPDATE, sqlite ? "" : "FOR UPDATE") : sql;
      StatementCache cache = sqlite ? StatementCaches.of(raw) : null;
      PreparedStatement ps =
          cache != null ? cache.create(raw, text, null) : conn.prepareStatement(text);
      try {
        for (int i = 0; i < args.length; i++) {
          bind(ps, i + 1, args[i]);
        }
        return work.run(ps);
      } finally {
        if (cache != null) {
          cache.close(raw, text, ps);
        } else {
          ps.close();
        }
      }
    } catch (SQLException e) {
      throw new SqlFailure(sql, e);
    }
  }

  /** Binds a column value as {@link Columns#toColumn} made it; a null is untyped (see there). */
  static void bind(PreparedStatement ps, int position, Object value) throws SQLException {
    switch (Columns.toColumn(value)) {
      case null -> ps.setNull(position, java.sql.Types.NULL);
      case String text -> ps.setString(position, text);
      case Long number -> ps.setLong(position, number);
      case Integer number -> ps.setInt(position, number);
      case Boolean flag -> ps.setBoolean(position, flag);
      case Object other -> ps.setObject(position, other);
    }
  }

  /** A statement that failed; {@link DbFailure} classifies it by its {@link SQLException}. */
  public static final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(String sql, SQLException cause) {
      super("statement failed: " + sql, cause);
    }
  }
}
