package tally.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders rows by insertion: microseconds of wall time, bumped to stay strictly increasing within a
 * process. Lists sort by it, so objects created in the same second keep their creation order, and
 * two processes on one database interleave by real time without a shared counter.
 */
public final class Sequence {
  private static final AtomicLong LAST = new AtomicLong();

  private Sequence() {}

  public static long next() {
    long now = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
    return LAST.updateAndGet(last -> Math.max(last + 1, now));
  }
}
