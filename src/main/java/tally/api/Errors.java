package tally.api;

import java.util.List;
import java.util.Map;

/** Stripe's wording for the errors that many endpoints share. */
public final class Errors {
  private Errors() {}

  public static ApiException invalid(String param, String message) {
    return new ApiException(new ApiError.InvalidRequest(null, param, message));
  }

  public static ApiException invalid(String code, String param, String message) {
    return new ApiException(new ApiError.InvalidRequest(code, param, message));
  }

  public static ApiException missing(String param) {
    return invalid("parameter_missing", param, "Missing required param: " + param + ".");
  }

  public static ApiException unknownParameter(String param) {
    String shown = Echo.bounded(param);
    return invalid("parameter_unknown", shown, "Received unknown parameter: " + shown);
  }

  /**
   * {@code No such charge: 'ch_…'}. {@code param} names the parameter the id came in; when the URL
   * named it, {@link #namedByPath} puts the path parameter instead, whatever the caller passed.
   */
  public static ApiException noSuch(String resource, String id, String param) {
    return new ApiException(
        new ApiError.NotFound(
            "resource_missing", param, "No such " + resource + ": '" + Echo.bounded(id) + "'", id));
  }

  /**
   * Stripe's name for a path parameter in errors where it differs from the placeholder in its spec:
   * a missing charge is {@code param: id} (probed on GET /v1/charges/ch_… in 2026; refunds,
   * disputes and customers answer with their placeholder's name).
   */
  private static final Map<String, String> PATH_PARAM_AS_REPORTED = Map.of("charge", "id");

  /**
   * A missing object that the request's URL names is reported under that path parameter, as Stripe
   * does ({@code No such refund: 're_…'}, {@code param: refund}); any other error is returned as it
   * is. The dispatcher applies this to every route, so no handler has to get it right.
   */
  public static ApiException namedByPath(ApiException e, Map<String, String> pathParams) {
    if (!(e.error() instanceof ApiError.NotFound missing) || missing.id() == null) {
      return e;
    }
    for (Map.Entry<String, String> p : pathParams.entrySet()) {
      if (p.getValue().equals(missing.id())) {
        String param = PATH_PARAM_AS_REPORTED.getOrDefault(p.getKey(), p.getKey());
        return param.equals(missing.param())
            ? e
            : new ApiException(
                new ApiError.NotFound(missing.code(), param, missing.message(), missing.id()),
                e.keepWrites());
      }
    }
    return e;
  }

  public static ApiException mustBeOneOf(String param, List<String> allowed) {
    return invalid(param, "Invalid " + param + ": must be one of " + oneOf(allowed));
  }

  static String oneOf(List<String> allowed) {
    if (allowed.size() == 1) {
      return allowed.getFirst();
    }
    return String.join(", ", allowed.subList(0, allowed.size() - 1)) + ", or " + allowed.getLast();
  }
}
