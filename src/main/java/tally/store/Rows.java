package tally.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Column reads that JDBC drivers disagree on. */
public final class Rows {
  private Rows() {}

  /** A nullable BIGINT ({@code getObject(col, Long.class)} is not supported by SQLite's driver). */
  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /** A nullable BOOLEAN (SQLite stores it as an integer). */
  public static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? null : value;
  }
}
