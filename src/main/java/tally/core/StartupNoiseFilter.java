package tally.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the stack trace HikariCP logs when its pool cannot open at start: {@code tally serve}
 * reports that failure itself, in one line saying what to do. Every other log line passes.
 */
public final class StartupNoiseFilter extends TurboFilter {
  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null
        && logger.getName().startsWith("com.zaxxer.hikari")
        && format.contains("Exception during pool initialization")) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
