package tally.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import tally.api.Account;
import tally.api.ApiException;
import tally.auth.Accounts;
import tally.core.Json;
import tally.events.EventLog;
import tally.http.ApiRequest;
import tally.http.ApiResponse;
import tally.http.FormDecoder;
import tally.http.Interceptor;
import tally.pages.Pages;

/**
 * Serves {@code /dashboard}: sign-in with a secret key posted in a form (never in a URL, never
 * logged: the access log shows paths only), a session cookie (HttpOnly, SameSite=Strict, scoped to
 * /dashboard), CSRF tokens on every POST, and the pages, each reading only the signed-in account.
 */
final class DashboardRoutes implements Interceptor {
  static final String COOKIE = "tally_dashboard";
  private static final String BASE = "/dashboard";

  private final Accounts accounts;
  private final Sessions sessions;
  private final ApiCalls api;
  private final EventLog eventLog;
  private final HomeView home;
  private final ListView lists;
  private final ObjectView objects;
  private final Actions actions;

  DashboardRoutes(
      Accounts accounts,
      Sessions sessions,
      ApiCalls api,
      EventLog eventLog,
      ObjectView objects,
      Actions actions) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.api = api;
    this.eventLog = eventLog;
    this.home = new HomeView(api);
    this.lists = new ListView(api);
    this.objects = objects;
    this.actions = actions;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    ApiRequest request = chain.exchange().request();
    String path = request.path();
    if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
      return chain.proceed();
    }
    if (!request.method().equals("GET") && !request.method().equals("POST")) {
      return secure(page(405, "Not allowed", "The dashboard answers GET and POST only."));
    }
    return secure(route(request, path.substring(BASE.length())));
  }

  private ApiResponse route(ApiRequest request, String rest) {
    boolean post = request.method().equals("POST");
    if (rest.equals("/signin")) {
      return post ? signIn(request) : signInPage(null, 200);
    }
    String token = cookie(request.header("Cookie"));
    Optional<Account> account = sessions.find(token);
    if (account.isEmpty()) {
      return post
          ? page(403, "Signed out", "Your dashboard session ended. Sign in again.")
          : redirect(BASE + "/signin");
    }
    String csrf = Sessions.csrfToken(token);
    Map<String, Object> form = post ? decode(request.body()) : Map.of();
    if (post && !sameOrigin(request) || post && !constantTimeEquals(csrf, form.get("csrf"))) {
      return page(
          403, "Refused", "This form is out of date or came from another site. Reload the page.");
    }
    String[] parts =
        rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/", -1);
    String section = parts.length == 0 ? "" : parts[0];
    Visit visit = Visit.of(account.get(), csrf, request.query(), section);
    try {
      return post ? postTo(account.get(), token, parts, form) : getFrom(visit, parts);
    } catch (ApiException e) {
      int status = e.error() instanceof tally.api.ApiError.NotFound ? 404 : 400;
      return page(status, "Not possible", e.error().message());
    }
  }

  private ApiResponse getFrom(Visit visit, String[] parts) {
    if (parts.length == 0) {
      return ApiResponse.html(200, home.render(visit));
    }
    if (parts.length == 1 && parts[0].equals("live")) {
      String latest = api.read(visit.account(), eventLog::latestId);
      return new ApiResponse(
          200, Json.object().put("latest", latest), new java.util.LinkedHashMap<>());
    }
    if (parts.length == 1 && parts[0].equals("search")) {
      String q = visit.param("q");
      String id = q == null ? "" : q.trim();
      return Resources.forId(id)
          .map(r -> redirect(BASE + "/" + r.name() + "/" + ListView.enc(id)))
          .orElseGet(() ->
              page(404, "Not found", "No kind of object the dashboard shows has an id like that."));
    }
    Optional<Resource> resource = Resources.named(parts[0]);
    if (resource.isEmpty() || parts.length > 2) {
      return page(404, "Not found", "The dashboard has no such page.");
    }
    if (parts.length == 1) {
      return ApiResponse.html(200, lists.render(visit, resource.get()));
    }
    String done = visit.param("done");
    String notice = done == null ? null : Actions.NOTICES.get(done);
    return ApiResponse.html(200, objects.render(visit, resource.get(), parts[1], notice, null));
  }

  private ApiResponse postTo(
      Account account, String token, String[] parts, Map<String, Object> form) {
    if (parts.length == 1 && parts[0].equals("signout")) {
      sessions.close(token);
      return redirect(BASE + "/signin")
          .withHeader(
              "Set-Cookie", COOKIE + "=; Path=" + BASE + "; Max-Age=0; HttpOnly; SameSite=Strict");
    }
    if (parts.length == 2 && parts[0].equals("actions")) {
      Actions.Done done = actions.perform(account, parts[1], form);
      return redirect(
          BASE
              + "/"
              + done.resource().name()
              + "/"
              + ListView.enc(done.id())
              + "?done="
              + done.action());
    }
    return page(404, "Not found", "The dashboard has no such action.");
  }

  private ApiResponse signIn(ApiRequest request) {
    Object key = decode(request.body()).get("key");
    String text = key instanceof String s ? s.trim() : "";
    if (!sameOrigin(request)) {
      return signInPage("This sign-in came from another site.", 403);
    }
    if (!(text.startsWith("sk_") || text.startsWith("rk_"))) {
      return signInPage("Sign in with a secret key: it starts with sk_test_ (or sk_live_).", 401);
    }
    Optional<Account> account = accounts.authenticate(text);
    if (account.isEmpty()) {
      return signInPage("That key opens no account on this server.", 401);
    }
    String token = sessions.open(account.get());
    return redirect(BASE)
        .withHeader(
            "Set-Cookie",
            COOKIE
                + "="
                + token
                + "; Path="
                + BASE
                + "; Max-Age="
                + Sessions.LIFETIME_SECONDS
                + "; HttpOnly; SameSite=Strict");
  }

  private static ApiResponse signInPage(String error, int status) {
    Map<String, Object> params = new java.util.HashMap<>();
    params.put("error", error);
    return ApiResponse.html(status, Pages.render("dashboard/signin.jte", params));
  }

  private static ApiResponse page(int status, String title, String message) {
    var p = Pages.message(status, title, message);
    return ApiResponse.html(p.status(), p.html());
  }

  private static ApiResponse redirect(String location) {
    return ApiResponse.html(303, "").withHeader("Location", location);
  }

  /** Headers every dashboard answer carries: never cached, never framed, scripts only our own. */
  private static ApiResponse secure(ApiResponse response) {
    return response
        .withHeader("Cache-Control", "no-store")
        .withHeader("X-Frame-Options", "DENY")
        .withHeader("Referrer-Policy", "same-origin")
        .withHeader(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
                + " frame-ancestors 'none'; form-action 'self'");
  }

  static String cookie(String header) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.trim();
      if (p.startsWith(COOKIE + "=")) {
        return p.substring(COOKIE.length() + 1);
      }
    }
    return null;
  }

  /** A browser's POST names its page's origin; one from another site is refused. */
  private static boolean sameOrigin(ApiRequest request) {
    String origin = request.header("Origin");
    String host = request.header("Host");
    if (origin == null || origin.equals("null") && host == null) {
      return origin == null;
    }
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private static boolean constantTimeEquals(String expected, Object given) {
    return given instanceof String s
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), s.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> decode(String body) {
    try {
      return FormDecoder.decode(body);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
