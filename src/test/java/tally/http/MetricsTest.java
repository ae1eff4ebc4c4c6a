package tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;
import tally.testing.TestDatabases;

/** {@code /metrics}: Prometheus text with requests per route and status, the pool and backlogs. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class MetricsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static String scrape() {
    HttpResponse<String> r = SERVER.raw("GET", "/metrics", null, null, Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith("text/plain"));
    return r.body();
  }

  private static double value(String text, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void requestsAreCountedPerRouteTemplateAndStatus() {
    String key = SERVER.newKey();
    String count =
        "tally_http_requests_seconds_count{method=\"POST\",route=\"/v1/customers\",status=\"200\"}";
    String missing =
        "tally_http_requests_seconds_count{method=\"GET\",route=\"/v1/customers/{customer}\","
            + "status=\"404\"}";
    String before = scrape();
    for (int i = 0; i < 3; i++) {
      SERVER.raw("POST", "/v1/customers", key, "email=m" + i + "@example.com", Map.of());
    }
    SERVER.raw("GET", "/v1/customers/cus_nope", key, null, Map.of());
    String after = scrape();
    assertThat(value(after, count) - value(before, count)).isEqualTo(3);
    assertThat(value(after, missing) - value(before, missing)).isEqualTo(1);
    assertThat(after)
        .contains("tally_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/customers\"")
        .doesNotContain("cus_nope");
  }

  @Test
  void theDatabasePoolWriterAndWebhookBacklogAreReported() {
    String text = scrape();
    assertThat(text)
        .contains("hikaricp_connections_active{")
        .contains("hikaricp_connections_max{")
        .contains("tally_db_write_queue_depth ")
        .contains("tally_webhooks_backlog ")
        .contains("jvm_memory_used_bytes{");
    if (!TestDatabases.onPostgres()) {
      assertThat(value(text, "tally_db_write_batch_size_count")).isPositive();
    }
  }

  @Test
  void anUndeliveredWebhookIsBacklog() {
    String key = SERVER.newKey();
    double before = value(scrape(), "tally_webhooks_backlog");
    var hook =
        SERVER.raw(
            "POST",
            "/v1/webhook_endpoints",
            key,
            "url=http://127.0.0.1:9/hook&enabled_events[]=customer.created",
            Map.of());
    assertThat(hook.statusCode()).isEqualTo(200);
    SERVER.raw("POST", "/v1/customers", key, "email=b@example.com", Map.of());
    assertThat(value(scrape(), "tally_webhooks_backlog") - before).isEqualTo(1);
  }
}
