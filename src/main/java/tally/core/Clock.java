package tally.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's notion of "now". Everything time-dependent (created, expiry, availability) reads it,
 * so tests can move time forward instead of sleeping.
 */
public final class Clock {
  private final AtomicLong offsetMillis = new AtomicLong();
  // A test clock's time stands still between advances; -1 for the running wall clock.
  private final long frozenMillis;

  public Clock() {
    this(-1);
  }

  private Clock(long frozenMillis) {
    this.frozenMillis = frozenMillis;
  }

  /** A clock standing at {@code epochSeconds}: a test clock's frozen time. */
  public static Clock frozenAt(long epochSeconds) {
    return new Clock(epochSeconds * 1000);
  }

  /** Whether this is a test clock's standing time (not the running clock). */
  public boolean isFrozen() {
    return frozenMillis >= 0;
  }

  public Instant now() {
    long base = frozenMillis >= 0 ? frozenMillis : System.currentTimeMillis();
    return Instant.ofEpochMilli(base + offsetMillis.get());
  }

  public long nowSeconds() {
    return now().getEpochSecond();
  }

  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }
}
