package tally.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.core.Json;
import tally.http.Route;
import tally.testing.RawHttp;
import tally.testing.TallyServer;

/**
 * A fuzzer over every route the router knows (new routes are fuzzed without a change here): random
 * and mutated forms, bytes, methods, paths, content types and headers, sent over a real socket.
 * Each answer must be below 500, and an error must be Stripe's envelope; a refused request must
 * change no row count (charges, ledger, events, ...).
 *
 * <p>It runs with a fixed seed for a time budget: {@code -Dtally.fuzz.seed=random} (or a number)
 * and {@code -Dtally.fuzz.seconds=N} change them; a failure names the seed that reproduces it.
 */
class RequestFuzzTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static final long DEFAULT_SEED = 20_261_203L;
  private static final int MAX_FAILURES = 15;

  @Test
  void everyRouteAnswersHostileRequestsWithStripesErrorsAndRefusalsChangeNothing() {
    long seed = seed();
    long budgetNanos =
        (long) (Double.parseDouble(System.getProperty("tally.fuzz.seconds", "12")) * 1e9);
    String key = SERVER.newKey();
    List<String> ids = new ArrayList<>();
    Seeds.Ids seedIds = createObjects(key, ids);
    List<Route<?>> routes = SERVER.app().routes();
    RequestGenerator generator = new RequestGenerator(new Random(seed), routes, ids, key, seedIds);
    RowCounts counts = new RowCounts(SERVER.app().db());

    Map<String, Integer> perRoute = new TreeMap<>();
    Map<Integer, Integer> perStatus = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    Map<String, Long> before = counts.snapshot();
    int sent = 0;
    // The budget, but at least one pass over every route, however slow the machine.
    while ((System.nanoTime() - start < budgetNanos || sent < routes.size())
        && failures.size() < MAX_FAILURES) {
      FuzzRequest request = generator.next();
      sent++;
      perRoute.merge(request.route(), 1, Integer::sum);
      RawHttp.Reply reply;
      try {
        reply = RawHttp.send(SERVER.port(), request.head(), request.wireBody());
      } catch (UncheckedIOException e) {
        failures.add("no reply (" + e.getCause() + "): " + request.describe());
        continue;
      }
      perStatus.merge(reply.status(), 1, Integer::sum);
      Map<String, Long> after = counts.snapshot();
      String problem = problem(request, reply, before, after);
      if (problem != null) {
        failures.add(problem + "\n    " + request.describe());
      }
      before = after;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "fuzz: seed %d, %d requests in %.1f s over %d routes (%d tables counted); statuses %s%n",
        seed, sent, seconds, perRoute.size(), counts.tables().size(), perStatus);

    assertThat(failures)
        .as(
            "fuzz seed %d (rerun with -Dtally.fuzz.seed=%d): %d of %d requests failed:%n%s",
            seed, seed, failures.size(), sent, String.join("\n", failures))
        .isEmpty();
    assertThat(perRoute.keySet())
        .as("every route was fuzzed")
        .containsAll(routes.stream().map(r -> r.method() + " " + r.template()).toList());
    // And the server still works for a well-behaved client.
    var charge =
        SERVER.raw(
            "POST", "/v1/charges", key, "amount=1234&currency=usd&source=tok_visa", Map.of());
    assertThat(charge.statusCode()).as(charge.body()).isEqualTo(200);
  }

  /** What is wrong with this answer, or null. */
  private static String problem(
      FuzzRequest request, RawHttp.Reply reply, Map<String, Long> before, Map<String, Long> after) {
    int status = reply.status();
    if (status >= 500 || status < 200) {
      return "status " + status + ": " + abbreviate(reply.body());
    }
    String lower = reply.body().toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("exception") || lower.contains("at tally.") || lower.contains("jetty")) {
      return "internals on the wire: " + abbreviate(reply.body());
    }
    // Errors quote at most a bounded prefix of what was sent, however much that was.
    if (reply.body().length() > 8 * 1024 && status >= 400) {
      return "an error of " + reply.body().length() + " characters";
    }
    boolean refused = status >= 400 && status != 402;
    if (refused && !before.equals(after)) {
      return "refused with " + status + " but row counts changed: " + diff(before, after);
    }
    boolean page =
        reply.head().toLowerCase(java.util.Locale.ROOT).contains("content-type: text/html");
    if (status >= 400 && !page && !"HEAD".equals(request.method())) {
      return envelopeProblem(reply);
    }
    return null;
  }

  private static String envelopeProblem(RawHttp.Reply reply) {
    if (!reply
        .head()
        .toLowerCase(java.util.Locale.ROOT)
        .contains("content-type: application/json")) {
      return "an error that is not JSON: " + abbreviate(reply.head());
    }
    JsonNode error;
    try {
      error = Json.tree(reply.body()).path("error");
    } catch (RuntimeException e) {
      return "an error body that does not parse: " + abbreviate(reply.body());
    }
    if (!error.path("type").isTextual() || !error.path("message").isTextual()) {
      return "no {error: {type, message}} envelope: " + abbreviate(reply.body());
    }
    return null;
  }

  private static String diff(Map<String, Long> before, Map<String, Long> after) {
    StringBuilder b = new StringBuilder();
    after.forEach((table, n) -> {
      if (!n.equals(before.get(table))) {
        b.append(table).append(' ').append(before.get(table)).append("->").append(n).append(' ');
      }
    });
    return b.toString().trim();
  }

  private static String abbreviate(String s) {
    return s.length() <= 400 ? s : s.substring(0, 400) + "...";
  }

  private static long seed() {
    String property = System.getProperty("tally.fuzz.seed", "");
    if (property.isBlank()) {
      return DEFAULT_SEED;
    }
    return property.equals("random") ? new Random().nextLong() : Long.parseLong(property);
  }

  /** A few real objects, so that ids in paths and params sometimes exist. */
  private static Seeds.Ids createObjects(String key, List<String> ids) {
    String customer = create(key, "/v1/customers", "email=seed@example.com", ids);
    String charge =
        create(
            key,
            "/v1/charges",
            "amount=5000&currency=usd&source=tok_visa&customer=" + customer,
            ids);
    create(key, "/v1/charges", "amount=3000&currency=usd&source=tok_visa&capture=false", ids);
    create(key, "/v1/refunds", "charge=" + charge + "&amount=500", ids);
    String product = create(key, "/v1/products", "name=Seed", ids);
    create(key, "/v1/prices", "currency=usd&unit_amount=900&product=" + product, ids);
    create(
        key,
        "/v1/billing/meters",
        "display_name=Seed&event_name=seed_calls&default_aggregation[formula]=sum",
        ids);
    create(key, "/v1/billing_portal/sessions", "customer=" + customer, ids);
    create(
        key,
        "/v1/checkout/sessions",
        "mode=payment&success_url=https://example.com/s&line_items[0][price_data][currency]=usd"
            + "&line_items[0][price_data][unit_amount]=700&line_items[0][price_data][product_data][name]=T"
            + "&line_items[0][quantity]=1",
        ids);
    create(key, "/v1/webhook_endpoints", "url=https://example.com/hook&enabled_events[]=*", ids);
    var session = SERVER.raw("POST", "/v2/billing/meter_event_session", key, null, Map.of());
    assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
    String token = Json.tree(session.body()).path("authentication_token").asText();
    return new Seeds.Ids(charge, customer, token);
  }

  private static String create(String key, String path, String body, List<String> ids) {
    var response = SERVER.raw("POST", path, key, body, Map.of());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    JsonNode created = Json.tree(response.body());
    ids.add(created.path("id").asText());
    // Hosted pages are reached by a token in their URL: fuzz those paths with real ones too.
    String url = created.path("url").asText("");
    if (!url.isEmpty()) {
      ids.add(url.substring(url.lastIndexOf('/') + 1));
    }
    return created.path("id").asText();
  }
}
