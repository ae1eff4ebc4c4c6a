package tally.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Database failures that are not bugs, classified the same way for SQLite and PostgreSQL: callers
 * turn them into Stripe's retryable errors, or (a duplicate key) into the row that won a race.
 */
public enum DbFailure {
  /** Another transaction got in the way: deadlock, serialization failure, lock wait, busy. */
  CONFLICT,
  /** The database cannot be reached or is restarting; nothing of the transaction was kept. */
  UNAVAILABLE,
  /** A concurrent insert of the same key won. */
  DUPLICATE_KEY;

  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CONSTRAINT = 19;

  /** Classifies {@code failure} by the first SQL exception among its causes. */
  public static Optional<DbFailure> of(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
        return Optional.of(UNAVAILABLE);
      }
      if (t instanceof SQLException e) {
        Optional<DbFailure> kind = classify(e);
        if (kind.isPresent()) {
          return kind;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<DbFailure> classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.equals("23505")) {
      return Optional.of(DUPLICATE_KEY);
    }
    if (state.equals("40P01") || state.equals("40001") || state.equals("55P03")) {
      return Optional.of(CONFLICT);
    }
    // 53xxx: the server ran out of disk, memory or connections; the transaction was not kept.
    if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
      return Optional.of(UNAVAILABLE);
    }
    if (e.getClass().getName().startsWith("org.sqlite")) {
      int code = e.getErrorCode() & 0xff;
      if (code == SQLITE_CONSTRAINT && String.valueOf(e.getMessage()).contains("UNIQUE")) {
        return Optional.of(DUPLICATE_KEY);
      }
      if (code == SQLITE_BUSY) {
        return Optional.of(CONFLICT);
      }
      // A full disk (or a failing one): the write rolled back; it may succeed once space is freed.
      if (code == SQLITE_FULL || code == SQLITE_IOERR) {
        return Optional.of(UNAVAILABLE);
      }
    }
    return Optional.empty();
  }

  public static boolean isDuplicateKey(Throwable failure) {
    return of(failure).orElse(null) == DUPLICATE_KEY;
  }
}
