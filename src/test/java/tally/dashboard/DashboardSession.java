package tally.dashboard;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tally.testing.TallyServer;

/** A signed-in dashboard over plain HTTP: the session cookie and the CSRF token of its pages. */
record DashboardSession(TallyServer server, String cookie, String csrf) {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  static HttpResponse<String> signIn(TallyServer server, String key) {
    return server.raw(
        "POST", "/dashboard/signin", null, "key=" + key, Map.of("Origin", server.baseUrl()));
  }

  static DashboardSession open(TallyServer server, String key) {
    HttpResponse<String> signedIn = signIn(server, key);
    String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    DashboardSession session = new DashboardSession(server, cookie, null);
    Matcher m = CSRF.matcher(session.get("/dashboard").body());
    if (!m.find()) {
      throw new AssertionError("the home page has no CSRF token");
    }
    return new DashboardSession(server, cookie, m.group(1));
  }

  HttpResponse<String> get(String path) {
    return server.raw("GET", path, null, null, Map.of("Cookie", cookie));
  }

  /** A form post from the dashboard's own pages (same origin, with the CSRF token). */
  HttpResponse<String> post(String path, String form) {
    return postFrom(server.baseUrl(), path, form + "&csrf=" + csrf);
  }

  /** A post with the session's cookie from {@code origin}, its body sent as given. */
  HttpResponse<String> postFrom(String origin, String path, String body) {
    return server.raw("POST", path, null, body, Map.of("Cookie", cookie, "Origin", origin));
  }
}
