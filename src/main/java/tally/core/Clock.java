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

  public Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
  }

  public long nowSeconds() {
    return now().getEpochSecond();
  }

  public void advance(Duration by) {
    offsetMillis.addAndGet(by.toMillis());
  }
}
