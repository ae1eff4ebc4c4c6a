package tally.cli;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why {@code tally serve} could not start, as one line saying what is wrong and what to do: a
 * person reads it, so no stack trace. Unforeseen causes still get one line, naming the cause.
 */
final class StartupProblem extends RuntimeException {
  StartupProblem(String message) {
    super(message, null, false, false);
  }

  /** One line for a failure while opening the database or binding the port. */
  static String explain(Throwable failure, String host, int port, String db) {
    if (failure instanceof StartupProblem p) {
      return p.getMessage();
    }
    List<Throwable> chain = causes(failure);
    for (Throwable t : chain) {
      if (t instanceof BindException) {
        return "port "
            + port
            + " on "
            + host
            + " is already in use (another Tally or another program listens there): stop it,"
            + " or choose another port with --port or TALLY_PORT.";
      }
    }
    String root = rootMessage(chain);
    if (db.startsWith("postgres")) {
      return "cannot connect to PostgreSQL at "
          + Serve.describe(db)
          + " ("
          + root
          + "): check that it is running and reachable and that the URL given with --db or"
          + " TALLY_DB is right.";
    }
    boolean fileProblem =
        chain.stream()
            .anyMatch(t ->
                t instanceof AccessDeniedException
                    || String.valueOf(t.getMessage()).contains("SQLITE_CANTOPEN")
                    || String.valueOf(t.getMessage()).contains("SQLITE_READONLY")
                    || String.valueOf(t.getMessage()).contains("cannot create directory"));
    if (fileProblem) {
      return "cannot open the database file "
          + db
          + " for writing ("
          + root
          + "): make sure its directory exists and this user may write there, or choose another"
          + " path with --db or TALLY_DB.";
    }
    return "could not start (" + root + ").";
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** The innermost message, on one line: the most specific thing any layer said. */
  private static String rootMessage(List<Throwable> chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      String message = chain.get(i).getMessage();
      if (message != null && !message.isBlank()) {
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
      }
    }
    return chain.getLast().getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
