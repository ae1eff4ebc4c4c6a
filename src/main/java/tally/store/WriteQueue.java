package tally.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one writer thread runs queued units of work on one connection, each in its own
 * savepoint, and commits the batch with a single fsync (SQLite's WAL, or PostgreSQL's commit). A
 * unit's caller is answered only after that commit, so acknowledged writes are durable; a failing
 * unit rolls back to its savepoint and never affects the others in the batch.
 */
final class WriteQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
  private static final int MAX_BATCH = 256;
  private static final String SAVEPOINT = "unit";

  /** One caller's unit of work and, once its batch committed, its outcome. */
  private static final class Unit<T> {
    final Function<Handle, T> work;
    final CompletableFuture<T> future = new CompletableFuture<>();
    T value;
    Throwable failure;

    Unit(Function<Handle, T> work) {
      this.work = work;
    }

    void runIn(Handle h) {
      h.savepoint(SAVEPOINT);
      try {
        value = work.apply(h);
        h.releaseSavepoint(SAVEPOINT);
      } catch (RuntimeException | Error e) {
        failure = e;
        endSavepoint(h, e, e instanceof KeepsWrites k && k.keepWrites());
      }
    }

    /**
     * Keeps or undoes the failed unit's writes. When that fails too (the connection died with the
     * unit), the batch fails with the unit's own failure, which says why (the database went away,
     * so the callers may retry), not with "connection is closed".
     */
    private static void endSavepoint(Handle h, Throwable unitFailure, boolean keep) {
      try {
        if (keep) {
          h.releaseSavepoint(SAVEPOINT);
        } else {
          h.rollbackToSavepoint(SAVEPOINT);
        }
      } catch (RuntimeException e) {
        unitFailure.addSuppressed(e);
        switch (unitFailure) {
          case RuntimeException r -> throw r;
          case Error err -> throw err;
          default -> throw e;
        }
      }
    }

    void finish(RuntimeException commitFailure) {
      if (commitFailure != null) {
        future.completeExceptionally(commitFailure);
      } else if (failure != null) {
        future.completeExceptionally(failure);
      } else {
        future.complete(value);
      }
    }
  }

  private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
  private final Durability durability;
  private final Jdbi jdbi;
  private final Lock writeLock;
  // The writer's own connection, outside the pool: its page cache and prepared statements stay
  // warm from batch to batch. Replaced after a failure.
  private Connection connection;
  private final Thread writer;

  /** Told each batch's size as it commits (metrics); nothing by default. */
  private volatile java.util.function.IntConsumer batchSizes = n -> {};

  private volatile Handle current;
  private volatile boolean running = true;

  /** Callers are answered once {@code durability} says their batch's commit is on disk. */
  WriteQueue(
      DataSource source, Durability durability, Lock writeLock, Map<String, Object> attributes) {
    this.durability = durability;
    this.writeLock = writeLock;
    this.jdbi =
        Jdbi.create(
            new ConnectionFactory() {
              @Override
              public Connection openConnection() throws SQLException {
                if (connection == null) {
                  connection = source.getConnection();
                }
                return connection;
              }

              @Override
              public void closeConnection(Connection conn) {
                // kept open for the next batch
              }
            });
    jdbi.setStatementBuilderFactory(new StatementCaches());
    attributes.forEach(jdbi::define);
    this.writer = Threads.start("tally-writer", this::loop);
  }

  /** Units waiting for the writer. */
  int depth() {
    return queue.size();
  }

  void onBatch(java.util.function.IntConsumer sizes) {
    this.batchSizes = sizes;
  }

  /** Runs {@code work} in the next batch and returns once that batch is committed. */
  <T> T submit(Function<Handle, T> work) {
    if (Thread.currentThread() == writer) {
      return work.apply(current); // a unit that writes through Db again joins its own transaction
    }
    Unit<T> unit = new Unit<>(work);
    queue.add(unit);
    try {
      return unit.future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the commit", e);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
  }

  private void loop() {
    List<Unit<?>> batch = new ArrayList<>();
    while (running) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      batchSizes.accept(batch.size());
      RuntimeException commitFailure = runBatch(batch);
      List<Unit<?>> done = List.copyOf(batch);
      batch.clear();
      if (commitFailure != null) {
        done.forEach(unit -> unit.finish(commitFailure));
      } else {
        durability.whenDurable(syncFailure -> done.forEach(unit -> unit.finish(syncFailure)));
      }
    }
  }

  private RuntimeException runBatch(List<Unit<?>> batch) {
    writeLock.lock();
    try (Handle h = jdbi.open()) {
      current = h;
      h.begin();
      try {
        batch.forEach(unit -> unit.runIn(h));
        h.commit();
        return null;
      } catch (RuntimeException e) {
        LOG.error("group commit of {} units failed", batch.size(), e);
        try {
          h.rollback();
        } catch (RuntimeException ignored) {
          // the connection is being discarded anyway
        }
        discardConnection();
        return e;
      }
    } catch (RuntimeException e) {
      discardConnection();
      return e;
    } finally {
      current = null;
      writeLock.unlock();
    }
  }

  private void discardConnection() {
    if (connection != null) {
      StatementCaches.discard(connection);
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a broken connection may fail to close; it is dropped either way
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    running = false;
    writer.interrupt();
    Threads.awaitStop(writer);
    discardConnection();
    durability.close();
  }
}
