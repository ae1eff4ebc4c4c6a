package tally.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import tally.core.Ids;

/**
 * Where tests keep their data: a fresh SQLite file, or (with {@code -Dtally.test.db=postgres}) a
 * fresh database on one private PostgreSQL per JVM, started from Maven Central's binaries.
 */
public final class TestDatabases {
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  public static boolean onPostgres() {
    return "postgres".equals(System.getProperty("tally.test.db"));
  }

  /** A database spec for {@code Db.open}: a new, empty database each call. */
  public static String fresh(Path dir) {
    if (!onPostgres()) {
      return dir.resolve("tally.db").toString();
    }
    String name = "t_" + Ids.random(12).toLowerCase(java.util.Locale.ROOT);
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return "postgresql://postgres:postgres@localhost:" + server().getPort() + "/" + name;
  }

  /** The shared PostgreSQL server (started on first use, stopped when the JVM exits). */
  public static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
        System.out.println("tests run on a private PostgreSQL on port " + postgres.getPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                try {
                  started.close();
                } catch (IOException ignored) {
                  // the JVM is exiting
                }
              }));
    }
    return postgres;
  }
}
