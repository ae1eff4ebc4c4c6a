package tally.http;

import java.util.Map;
import tally.api.ApiError;

/**
 * An HTTP request as the pipeline sees it; header names are lower-case. {@code rejected} is a
 * problem found while reading it (a body too large or not UTF-8), answered before routing.
 */
public record ApiRequest(
    String method,
    String path,
    String query,
    String body,
    Map<String, String> headers,
    ApiError rejected) {

  public ApiRequest(
      String method, String path, String query, String body, Map<String, String> headers) {
    this(method, path, query, body, headers, null);
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** GET and DELETE carry parameters in the query string, POST in the body. */
  public String encodedParams() {
    return "POST".equals(method) ? body : query;
  }
}
