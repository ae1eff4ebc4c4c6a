package tally.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.LoggerFactory;
import tally.core.JsonLogEncoder;

/** {@code --log-format}: the shipped logback.xml writes text; json swaps the console's encoder. */
enum LogFormat {
  TEXT,
  JSON;

  void apply() {
    if (this == TEXT) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.iteratorForAppenders().forEachRemaining(a -> useJson(context, a));
  }

  /** The console appender, directly on the root or behind the async one. */
  @SuppressWarnings("unchecked") // logback's appenders are all of ILoggingEvent here
  private static void useJson(LoggerContext context, Appender<ILoggingEvent> appender) {
    if (appender instanceof OutputStreamAppender<ILoggingEvent> console) {
      JsonLogEncoder encoder = new JsonLogEncoder();
      encoder.setContext(context);
      encoder.start();
      console.stop();
      console.setEncoder(encoder);
      console.start();
    } else if (appender instanceof AppenderAttachable<?> holder) {
      ((AppenderAttachable<ILoggingEvent>) holder)
          .iteratorForAppenders()
          .forEachRemaining(inner -> useJson(context, inner));
    }
  }
}
