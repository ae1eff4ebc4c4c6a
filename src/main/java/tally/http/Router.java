package tally.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The route table: every endpoint is one line here, registered by its feature. */
public final class Router {
  private final List<Route<?>> routes = new ArrayList<>();
  // Per method, most specific first: a request only walks the routes of its own method.
  private final Map<String, List<Route<?>>> byMethod = new java.util.HashMap<>();

  public record Match(Route<?> route, Map<String, String> pathParams) {}

  public <P> Router get(String template, Decoder<P> decoder, Handler<P> handler) {
    return add(new Route<>("GET", template, decoder, handler, true));
  }

  public <P> Router post(String template, Decoder<P> decoder, Handler<P> handler) {
    return add(new Route<>("POST", template, decoder, handler, true));
  }

  public <P> Router delete(String template, Decoder<P> decoder, Handler<P> handler) {
    return add(new Route<>("DELETE", template, decoder, handler, true));
  }

  /** A route that needs no API key (health checks, hosted pages). */
  public <P> Router open(String method, String template, Decoder<P> decoder, Handler<P> handler) {
    return add(new Route<>(method, template, decoder, handler, false));
  }

  /** Runs the GET route last added in a write transaction (see {@link Route#writingOnGet}). */
  public Router writingOnGet() {
    Route<?> last = added.removeLast();
    routes.remove(last);
    return add(last.writingOnGet());
  }

  /** Opens the route last added to the account's publishable key too. */
  public Router withPublishableKey() {
    Route<?> last = added.removeLast();
    routes.remove(last);
    return add(last.withPublishableKey());
  }

  /** Authenticates the route last added by {@code auth}'s tokens rather than by API keys. */
  public Router withTokenAuth(Route.TokenAuth auth) {
    Route<?> last = added.removeLast();
    routes.remove(last);
    return add(last.withTokenAuth(auth));
  }

  private final java.util.ArrayDeque<Route<?>> added = new java.util.ArrayDeque<>();

  private Router add(Route<?> route) {
    added.add(route);
    routes.add(route);
    routes.sort(Comparator.comparingInt((Route<?> r) -> -r.specificity()));
    byMethod.clear();
    routes.forEach(r -> byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r));
    return this;
  }

  public Match match(String method, String path) {
    String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    for (Route<?> route : byMethod.getOrDefault(method, List.of())) {
      Map<String, String> params = route.match(parts);
      if (params != null) {
        return new Match(route, params);
      }
    }
    return null;
  }

  public List<Route<?>> routes() {
    return List.copyOf(routes);
  }
}
