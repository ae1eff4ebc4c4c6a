package tally.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.core.Json;

/**
 * Stripe's {@code /v2} namespace: JSON request bodies (read into the same tree a form decodes to,
 * so endpoints validate through the same {@code Params}), and errors without v1's {@code param}.
 */
public final class V2 {
  private V2() {}

  public static boolean is(String path) {
    return path != null && path.startsWith("/v2/");
  }

  /** The body as a params tree: objects are hashes, arrays lists, every scalar its text. */
  static Map<String, Object> decode(String body) {
    if (body == null || body.isBlank()) {
      return new LinkedHashMap<>();
    }
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (java.io.IOException | RuntimeException e) {
      throw invalidJson();
    }
    if (tree == null || !tree.isObject()) {
      throw invalidJson();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) toTree(tree);
    return root;
  }

  private static Object toTree(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties()
          .forEach(e -> {
            if (!e.getValue().isNull()) {
              map.put(e.getKey(), toTree(e.getValue()));
            }
          });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toTree(item)));
      return list;
    }
    return node.asText();
  }

  private static ApiException invalidJson() {
    return new ApiException(
        new ApiError.InvalidRequest(
            400, null, null, "Invalid request body: a /v2 request body must be a JSON object."));
  }

  /** A v1 error envelope as v2 sends it: v2 errors name no {@code param}. */
  static void toV2Error(JsonNode body) {
    if (body != null && body.path("error") instanceof ObjectNode error) {
      error.remove("param");
    }
  }
}
