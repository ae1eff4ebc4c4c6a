package tally.http;

import java.util.Map;

/** An HTTP request as the pipeline sees it; header names are lower-case. */
public record ApiRequest(
    String method, String path, String query, String body, Map<String, String> headers) {

  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** GET and DELETE carry parameters in the query string, POST in the body. */
  public String encodedParams() {
    return "POST".equals(method) ? body : query;
  }
}
