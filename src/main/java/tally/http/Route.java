package tally.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One endpoint as data: method, path template, params decoder and handler. */
public record Route<P>(
    String method,
    String template,
    Decoder<P> decoder,
    Handler<P> handler,
    boolean authenticated,
    boolean publishable,
    TokenAuth tokenAuth,
    List<String> segments,
    boolean writesOnGet) {

  /**
   * How a route that takes no API key authenticates its bearer token instead (the v2 meter event
   * stream's session token): the token's account, or an {@link tally.api.ApiException}.
   */
  @FunctionalInterface
  public interface TokenAuth {
    tally.api.Account authenticate(String token);
  }

  public Route(
      String method,
      String template,
      Decoder<P> decoder,
      Handler<P> handler,
      boolean authenticated) {
    // Split once here: matching runs on every request.
    this(
        method,
        template,
        decoder,
        handler,
        authenticated,
        false,
        null,
        List.of(template.substring(1).split("/")),
        false);
  }

  /** Whether the request's work is a write transaction: every method but GET, and marked GETs. */
  public boolean writes() {
    return !"GET".equals(method) || writesOnGet;
  }

  /** This route, also open to the account's publishable key (Stripe.js's routes). */
  Route<P> withPublishableKey() {
    return new Route<>(
        method, template, decoder, handler, authenticated, true, tokenAuth, segments, writesOnGet);
  }

  /** This route, authenticated by {@code auth} instead of an API key. */
  Route<P> withTokenAuth(TokenAuth auth) {
    return new Route<>(
        method,
        template,
        decoder,
        handler,
        authenticated,
        publishable,
        auth,
        segments,
        writesOnGet);
  }

  /**
   * This GET route, run in a write transaction: a page a browser is redirected back to (GET) that
   * finishes a payment must change state atomically and durably.
   */
  Route<P> writingOnGet() {
    return new Route<>(
        method, template, decoder, handler, authenticated, publishable, tokenAuth, segments, true);
  }

  /** Path parameters when {@code path} fits the template, else null. */
  Map<String, String> match(String[] parts) {
    if (segments.size() != parts.length) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < parts.length; i++) {
      String seg = segments.get(i);
      if (seg.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new LinkedHashMap<>();
        }
        params.put(seg.substring(1, seg.length() - 1), parts[i]);
      } else if (!seg.equals(parts[i])) {
        return null;
      }
    }
    return params == null ? Map.of() : params;
  }

  /** Literal segments outrank parameters: {@code /v1/charges/search} before {@code {charge}}. */
  int specificity() {
    int score = 0;
    for (String seg : segments) {
      score = score * 2 + (seg.startsWith("{") ? 0 : 1);
    }
    return score;
  }
}
