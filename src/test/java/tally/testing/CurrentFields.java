package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Presence and nullability of an object's top-level fields as the typings of stripe-node 22.4.0
 * (the release pinned to 2026-07-29.dahlia) declare them, in {@code
 * openapi/stripe-node-fields.json} (made by {@code scripts/stripe-node-fields.py}): a field not
 * marked optional must be rendered, and may be null only if its type says so.
 */
final class CurrentFields {
  private static final JsonNode OBJECTS = load();

  private CurrentFields() {}

  private static JsonNode load() {
    try (InputStream in =
        CurrentFields.class.getResourceAsStream("/openapi/stripe-node-fields.json")) {
      return new ObjectMapper().readTree(in).path("objects");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void check(String object, JsonNode node, String where, List<String> problems) {
    JsonNode fields = OBJECTS.path(object).path("fields");
    for (var field : fields.properties()) {
      boolean optional = field.getValue().get(0).asBoolean();
      String type = field.getValue().get(1).asText();
      JsonNode value = node.get(field.getKey());
      if (value == null) {
        if (!optional) {
          problems.add(where + object + " lacks '" + field.getKey() + "'");
        }
      } else if (value.isNull() && !type.contains("null")) {
        problems.add(where + object + "." + field.getKey() + " is null, typed " + type);
      }
    }
  }
}
