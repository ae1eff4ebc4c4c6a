package tally.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tally.http.Route;

/**
 * Requests for every route the router knows: mostly the route's own method and a filled-in
 * template, then damage to the method, path, query, body, content type and headers.
 */
final class RequestGenerator {
  private static final List<String> ODD_METHODS =
      List.of("PUT", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "get", "CONNECT");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "text/plain",
          "multipart/form-data; boundary=xyz",
          "application/x-www-form-urlencoded; charset=iso-8859-1",
          "APPLICATION/X-WWW-FORM-URLENCODED",
          "garbage/garbage;;;=",
          "application/xml",
          "");
  private static final List<String> PATH_JUNK =
      List.of(
          "x",
          "..",
          "%2e%2e",
          "%00",
          "%2F",
          "a%20b",
          "ch_" + "9".repeat(40),
          "%ff%fe",
          "*",
          "cus_",
          "%25",
          "~",
          "a".repeat(3_000),
          "%E2%9C%93",
          "null",
          "0");

  private final Random random;
  private final List<Route<?>> routes;
  private final List<String> ids;
  private final String key;
  private final FormGenerator forms;
  private final Seeds.Ids seeds;
  private final List<String> idempotencyKeys = List.of("fuzz-key-1", "fuzz-key-2", "fuzz-key-3");

  RequestGenerator(
      Random random, List<Route<?>> routes, List<String> ids, String key, Seeds.Ids seeds) {
    this.random = random;
    this.routes = routes;
    this.ids = ids;
    this.key = key;
    this.forms = new FormGenerator(random, ids, seeds);
    this.seeds = seeds;
  }

  /** Routes in a shuffled cycle: every route is fuzzed once in each pass of routes.size(). */
  private final ArrayDeque<Route<?>> pass = new ArrayDeque<>();

  private Route<?> nextRoute() {
    if (pass.isEmpty()) {
      List<Route<?>> shuffled = new ArrayList<>(routes);
      Collections.shuffle(shuffled, random);
      pass.addAll(shuffled);
    }
    return pass.poll();
  }

  FuzzRequest next() {
    Route<?> route = nextRoute();
    List<String> strategies = new ArrayList<>();
    String method = route.method();
    if (random.nextInt(12) == 0) {
      method = forms.pick(ODD_METHODS);
      strategies.add("odd-method");
    }
    String path = fill(route.template(), strategies);
    FormGenerator.Form form = forms.form(method, route.template());
    strategies.add(form.strategy());
    String query = "";
    byte[] body = new byte[0];
    boolean v2 = route.template().startsWith("/v2/");
    if ("POST".equals(route.method()) && v2) {
      String json = JsonBodies.of(form.encoded(), random);
      body = json.getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(8) == 0) {
        body = forms.damageBytes(json);
        strategies.add("invalid-utf8-body");
      }
    } else if ("POST".equals(route.method())) {
      body = form.encoded().getBytes(StandardCharsets.UTF_8);
      if (random.nextInt(8) == 0) {
        body = forms.damageBytes(form.encoded());
        strategies.add("invalid-utf8-body");
      }
    } else {
      // Past 8 KB the request line is a 414 anyway; more only measures the client's socket.
      query = requestLineSafe(form.encoded());
      query = query.substring(0, Math.min(query.length(), 12_000));
      if (random.nextInt(10) == 0) {
        body = forms.damageBytes("amount=1");
        strategies.add("body-on-" + route.method());
      }
    }
    List<Map.Entry<String, String>> headers =
        headers(body.length > 0, v2, route.tokenAuth() != null, strategies);
    String target = query.isEmpty() ? path : path + "?" + query;
    return new FuzzRequest(
        method,
        target,
        headers,
        body,
        random.nextInt(15) == 0,
        route.method() + " " + route.template(),
        String.join("+", strategies));
  }

  private String fill(String template, List<String> strategies) {
    StringBuilder path = new StringBuilder();
    for (String segment : template.substring(1).split("/")) {
      path.append('/');
      if (segment.startsWith("{")) {
        path.append(
            random.nextInt(3) > 0 && !ids.isEmpty() ? forms.pick(ids) : forms.pick(PATH_JUNK));
      } else {
        path.append(segment);
      }
    }
    if (random.nextInt(10) == 0) {
      strategies.add("path-mutation");
      return switch (random.nextInt(6)) {
        case 0 -> path + "/" + forms.pick(PATH_JUNK);
        case 1 -> path.toString().replaceFirst("/", "//");
        case 2 -> path + "/";
        case 3 -> path.toString().toUpperCase(Locale.ROOT);
        case 4 -> path + ";jsessionid=1";
        default -> path.substring(0, Math.max(1, path.lastIndexOf("/")));
      };
    }
    return path.toString();
  }

  private List<Map.Entry<String, String>> headers(
      boolean hasBody, boolean v2, boolean sessionToken, List<String> strategies) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    // The meter event stream takes a session's token; an API key there is refused (fuzzed below).
    String auth =
        "Bearer " + (sessionToken && random.nextInt(6) > 0 ? seeds.meterEventSessionToken() : key);
    if (random.nextInt(10) == 0) {
      strategies.add("odd-auth");
      auth =
          forms.pick(
              List.of(
                  "",
                  "Bearer ",
                  "Bearer sk_test_unknownunknownunknown1234",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)),
                  "Basic !!!notbase64",
                  "Bearer pk_test_abc",
                  "Bearer " + key + "\u00ff",
                  "Bearer " + "k".repeat(3_000),
                  key));
    }
    if (!auth.isEmpty()) {
      headers.add(Map.entry("Authorization", auth));
    }
    if (hasBody) {
      String type = v2 ? "application/json" : "application/x-www-form-urlencoded";
      if (random.nextInt(8) == 0) {
        type = forms.pick(CONTENT_TYPES);
        strategies.add("content-type");
      }
      if (!type.isEmpty()) {
        headers.add(Map.entry("Content-Type", type));
      }
    }
    if (random.nextInt(5) == 0) {
      headers.add(
          Map.entry(
              "Idempotency-Key",
              random.nextInt(8) == 0 ? "i".repeat(300) : forms.pick(idempotencyKeys)));
      strategies.add("idempotency-key");
    }
    if (random.nextInt(15) == 0) {
      headers.add(
          Map.entry(
              "Stripe-Version", forms.pick(List.of("2020-08-27", "junk", "", "9999-99-99.x"))));
    }
    if (random.nextInt(15) == 0) {
      headers.add(
          Map.entry("Stripe-Account", forms.pick(List.of("acct_nope", "", "x".repeat(500)))));
      strategies.add("stripe-account");
    }
    if (random.nextInt(15) == 0) {
      headers.add(
          Map.entry(
              "X-Fuzz-" + random.nextInt(100),
              "\u00e9\u00ff junk " + "z".repeat(random.nextInt(2_000))));
      strategies.add("junk-header");
    }
    return headers;
  }

  /** A query string must not break the request line: spaces and controls are escaped. */
  private static String requestLineSafe(String query) {
    StringBuilder b = new StringBuilder();
    for (char c : query.toCharArray()) {
      if (c <= ' ' || c >= 0x7f) {
        b.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
