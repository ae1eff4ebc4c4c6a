package tally.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.net.URI;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database: SQLite (a file path) or PostgreSQL ({@code postgresql://user:pass@host/db}). The
 * same SQL and migrations serve both; SQLite writers are serialized in-process because SQLite has
 * one writer anyway, and waiting on a lock beats spinning on SQLITE_BUSY.
 */
public final class Db implements AutoCloseable {
  public enum Kind {
    SQLITE,
    POSTGRES
  }

  private final Kind kind;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final WriteQueue writeQueue;
  private final Checkpointer checkpointer;

  private Db(
      Kind kind,
      HikariDataSource pool,
      javax.sql.DataSource writerSource,
      java.nio.file.Path sqliteFile) {
    this.kind = kind;
    this.pool = pool;
    this.jdbi = Jdbi.create(new PatientPool(pool));
    // Dialect differences live here, as SQL template attributes: "SELECT … <forUpdate>".
    java.util.Map<String, Object> dialect =
        java.util.Map.of("forUpdate", kind == Kind.POSTGRES ? "FOR UPDATE" : "");
    dialect.forEach(jdbi::define);
    boolean sqlite = kind == Kind.SQLITE;
    if (sqlite) {
      jdbi.setStatementBuilderFactory(new StatementCaches()); // PostgreSQL's driver has one
    }
    // Both databases commit writes in groups: one commit (one fsync) per batch of requests was the
    // difference between PostgreSQL's 300 charges/s and the single-row probe's 1,500.
    this.writeQueue =
        sqlite
            ? new WriteQueue(writerSource, new WalSync(sqliteFile), writeLock, dialect)
            : new WriteQueue(pool, Durability.AT_COMMIT, writeLock, dialect);
    this.checkpointer = sqlite ? new Checkpointer(pool) : null;
  }

  public static Db open(String spec) {
    Db db;
    if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
      db = new Db(Kind.POSTGRES, postgres(spec), null, null);
    } else {
      File file = new File(spec).getAbsoluteFile();
      HikariConfig hikari = new HikariConfig();
      hikari.setDataSource(sqlite(file, SQLiteConfig.SynchronousMode.FULL, true));
      hikari.setMaximumPoolSize(16);
      hikari.setPoolName("tally-sqlite");
      // The writer's commits only write the WAL; WalSync fsyncs it before anyone is answered.
      db =
          new Db(
              Kind.SQLITE,
              new HikariDataSource(hikari),
              sqlite(file, SQLiteConfig.SynchronousMode.NORMAL, false),
              file.toPath());
    }
    db.migrate();
    return db;
  }

  private static SQLiteDataSource sqlite(
      File file, SQLiteConfig.SynchronousMode synchronous, boolean autoCheckpoint) {
    File dir = file.getParentFile();
    if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
      throw new IllegalStateException("cannot create directory " + dir);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(synchronous);
    if (!autoCheckpoint) {
      // The writer: the Checkpointer copies the WAL back, but under unbroken load it can never
      // finish before the next batch begins, and only a fully copied WAL restarts from its start.
      // Past 4,000 pages (16 MB) the writer checkpoints itself, which lets the WAL restart.
      config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, "4000");
      // Its page cache (one connection) may be large.
      config.setCacheSize(-64 * 1024);
    }
    // sqlite-jdbc otherwise runs SELECT last_insert_rowid() after every insert (prepared anew each
    // time: 4% of the writer's CPU); nothing here reads generated keys.
    config.setGetGeneratedKeys(false);
    // Savepoints (one per request in a group commit) keep the pages they change in a sub-journal:
    // in a temporary file by default, which was a tenth of the writer's time in pwrite.
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setBusyTimeout(30_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file.getPath());
    return ds;
  }

  private static HikariDataSource postgres(String spec) {
    URI uri = URI.create(spec.replaceFirst("^postgres(ql)?://", "postgresql://"));
    HikariConfig hikari = new HikariConfig();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    hikari.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query);
    String userInfo = uri.getUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      hikari.setUsername(colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (colon >= 0) {
        hikari.setPassword(userInfo.substring(colon + 1));
      }
    }
    hikari.setMaximumPoolSize(16);
    // Fail fast while the database is away (the client is told to retry), recover when it returns.
    hikari.setConnectionTimeout(3_000);
    hikari.setValidationTimeout(1_000);
    // At start, a PostgreSQL that does not answer within 5 s is reported, not waited on.
    hikari.setInitializationFailTimeout(5_000);
    // A host that drops packets would otherwise hold each attempt for the driver's 10 s.
    hikari.addDataSourceProperty("connectTimeout", "3");
    hikari.setPoolName("tally-postgres");
    return new HikariDataSource(hikari);
  }

  private void migrate() {
    Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
  }

  /** Writes waiting for SQLite's single writer (always 0 on PostgreSQL, which has no queue). */
  public int writeQueueDepth() {
    return writeQueue == null ? 0 : writeQueue.depth();
  }

  /** Tells {@code sizes} how many writes each SQLite group commit carries. */
  public void onWriteBatch(java.util.function.IntConsumer sizes) {
    if (writeQueue != null) {
      writeQueue.onBatch(sizes);
    }
  }

  /** Hikari reports its pool (active, idle, pending, timings) to a Micrometer registry. */
  public void reportPoolTo(Object meterRegistry) {
    pool.setMetricRegistry(meterRegistry);
  }

  public Kind kind() {
    return kind;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Opens a transaction for a request's writes; close it through {@link Tx}. */
  public Tx beginWrite() {
    if (kind == Kind.SQLITE) {
      writeLock.lock();
    }
    try {
      Handle handle = jdbi.open();
      handle.begin();
      return new Tx(handle, true, this::releaseWrite);
    } catch (RuntimeException e) {
      releaseWrite();
      throw e;
    }
  }

  /** A read-only unit of work (autocommit; readers never wait for the writer under WAL). */
  public Tx beginRead() {
    return new Tx(jdbi.open(), false, () -> {});
  }

  private void releaseWrite() {
    if (kind == Kind.SQLITE) {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work} in a write transaction and returns after it committed. A failure that {@link
   * KeepsWrites} still commits them before it is rethrown; any other failure rolls the work back.
   * On SQLite the work joins the group commit.
   */
  public <T> T write(java.util.function.Function<Handle, T> work) {
    if (writeQueue != null) {
      return writeQueue.submit(work);
    }
    try (Tx tx = beginWrite()) {
      try {
        T result = work.apply(tx.handle());
        tx.commit();
        return result;
      } catch (RuntimeException e) {
        if (e instanceof KeepsWrites k && k.keepWrites()) {
          tx.commit();
        }
        throw e;
      }
    }
  }

  public <T> T read(java.util.function.Function<Handle, T> work) {
    try (Tx tx = beginRead()) {
      return work.apply(tx.handle());
    }
  }

  @Override
  public void close() {
    if (writeQueue != null) {
      writeQueue.close();
    }
    if (checkpointer != null) {
      checkpointer.close();
    }
    pool.close();
  }
}
