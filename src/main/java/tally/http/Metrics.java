package tally.http;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * What {@code /metrics} shows, in Prometheus' text format: requests per route template, method and
 * status with a latency histogram, and whatever the database and features report as gauges. Route
 * templates, never paths, label the requests: ids would make one series per object.
 */
public final class Metrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final DistributionSummary batches;

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    batches =
        DistributionSummary.builder("tally.db.write.batch.size")
            .description("Writes committed together by SQLite's writer (one fsync per batch)")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
            .register(registry);
  }

  /** The registry Hikari reports its pool to. */
  public Object registry() {
    return registry;
  }

  /** One answered request; {@code route} is its template, or "unmatched". */
  public void request(String method, String route, int status, long nanos) {
    String key = method + ' ' + route + ' ' + status;
    timers
        .computeIfAbsent(
            key,
            k ->
                Timer.builder("tally.http.requests")
                    .description("API requests by route template, method and status")
                    .tags("method", method, "route", route, "status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void writeBatch(int size) {
    batches.record(size);
  }

  /**
   * A value read at each scrape; one that fails to read (a database away) shows as NaN rather than
   * failing the scrape.
   */
  public void gauge(String name, String description, DoubleSupplier value) {
    Gauge.builder(
            name,
            () -> {
              try {
                return value.getAsDouble();
              } catch (RuntimeException e) {
                return Double.NaN;
              }
            })
        .description(description)
        .register(registry);
  }

  public byte[] scrape() {
    return registry.scrape().getBytes(StandardCharsets.UTF_8);
  }
}
