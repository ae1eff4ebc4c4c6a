package tally.http;

import java.util.Locale;
import java.util.Set;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Echo;

/**
 * Refuses what no route can take, before routing: a body that failed to read (413, not UTF-8), a
 * method Tally never serves (405), a body that is not form-encoded (415, or 400 for JSON sent as a
 * form, as {@code curl -d '{...}'} does). The {@code /v2} namespace takes JSON bodies instead, as
 * Stripe's v2 API does.
 */
public final class RequestGuard implements Interceptor {
  static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");
  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json";
  static final String JSON_ONLY =
      "Tally, like Stripe, takes /v2 request bodies as JSON (Content-Type: " + JSON + "); ";
  static final String FORM_ONLY =
      "Tally, like Stripe, takes request parameters form-encoded (Content-Type: "
          + FORM
          + "), for example amount=2000&currency=usd&metadata[order]=6735; ";

  @Override
  public ApiResponse intercept(Chain chain) {
    ApiRequest request = chain.exchange().request();
    if (request.rejected() != null) {
      throw new ApiException(request.rejected());
    }
    if (!METHODS.contains(request.method())) {
      return ApiResponse.error(
              new ApiError.InvalidRequest(
                  405,
                  null,
                  null,
                  "The method "
                      + Echo.bounded(request.method())
                      + " is not allowed: Tally serves GET, POST and DELETE."))
          .withHeader("Allow", "GET, POST, DELETE");
    }
    if ("POST".equals(request.method()) && !request.body().isBlank()) {
      checkContentType(request);
    }
    return chain.proceed();
  }

  private static void checkContentType(ApiRequest request) {
    String header = request.header("Content-Type");
    String mediaType =
        header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (V2.is(request.path())) {
      if (!mediaType.equals(JSON)) {
        throw new ApiException(
            new ApiError.InvalidRequest(
                415,
                null,
                null,
                JSON_ONLY + "it does not read " + Echo.bounded(mediaType) + " bodies."));
      }
      return;
    }
    boolean looksLikeJson = looksLikeJson(request.body());
    if (mediaType.isEmpty() || mediaType.equals(FORM)) {
      if (looksLikeJson) {
        throw new ApiException(
            new ApiError.InvalidRequest(
                400, null, null, FORM_ONLY + "this body looks like JSON, which it does not read."));
      }
      return;
    }
    throw new ApiException(
        new ApiError.InvalidRequest(
            415,
            null,
            null,
            FORM_ONLY + "it does not read " + Echo.bounded(mediaType) + " bodies."));
  }

  private static boolean looksLikeJson(String body) {
    String t = body.stripLeading();
    return t.startsWith("{") || t.startsWith("[");
  }
}
