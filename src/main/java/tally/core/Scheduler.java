package tally.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the background jobs (expiries, settlements, retries) that become due as the clock moves.
 * Jobs find their due work in the database, so nothing is lost across restarts; tests call {@link
 * #runDue()} after advancing the clock instead of sleeping.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** A job does whatever is due at the clock's current time and reports how much it did. */
  @FunctionalInterface
  public interface Job {
    int runDue();
  }

  private final List<Job> jobs = new CopyOnWriteArrayList<>();
  private final Predicate<RuntimeException> isOutage;
  private ScheduledExecutorService executor;

  /** {@code isOutage} tells a database that is away (jobs pause quietly) from a real failure. */
  public Scheduler(Predicate<RuntimeException> isOutage) {
    this.isOutage = isOutage;
  }

  public void add(Job job) {
    jobs.add(job);
  }

  public synchronized void start(long periodMillis) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tally-scheduler").factory());
    executor.scheduleWithFixedDelay(
        this::runQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Runs every job once; returns how many items they handled. */
  public synchronized int runDue() {
    int done = 0;
    for (Job job : jobs) {
      done += job.runDue();
    }
    return done;
  }

  private void runQuietly() {
    try {
      runDue();
    } catch (RuntimeException e) {
      if (isOutage.test(e)) {
        // The database is away or busy; the job runs again next tick. One line, not a trace.
        LOG.warn("background jobs paused: {}", e.toString());
      } else {
        LOG.error("background job failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
