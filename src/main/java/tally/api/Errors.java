package tally.api;

import java.util.List;

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

  public static ApiException noSuch(String resource, String id, String param) {
    return new ApiException(
        new ApiError.NotFound(
            "resource_missing", param, "No such " + resource + ": '" + Echo.bounded(id) + "'"));
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
