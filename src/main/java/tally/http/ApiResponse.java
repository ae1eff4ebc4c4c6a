package tally.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import tally.api.ApiError;
import tally.api.ErrorJson;

/** Status, JSON body and the headers the pipeline adds on the way out. */
public record ApiResponse(
    int status, JsonNode body, String html, Map<String, String> headers, byte[] file) {
  public ApiResponse(int status, JsonNode body, Map<String, String> headers) {
    this(status, body, null, headers, null);
  }

  public ApiResponse(int status, JsonNode body, String html, Map<String, String> headers) {
    this(status, body, html, headers, null);
  }

  /** A file (an invoice PDF): bytes with their content type. */
  public static ApiResponse file(String contentType, byte[] bytes) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    return new ApiResponse(200, null, null, headers, bytes);
  }

  public static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body, new LinkedHashMap<>());
  }

  /** A hosted page (checkout, portal) rather than API JSON. */
  public static ApiResponse html(int status, String html) {
    return new ApiResponse(status, null, html, new LinkedHashMap<>());
  }

  public static ApiResponse error(ApiError error) {
    return new ApiResponse(ErrorJson.status(error), ErrorJson.render(error), new LinkedHashMap<>());
  }

  public ApiResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
