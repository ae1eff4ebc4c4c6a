package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Presence and nullability of an object's fields, at every depth its typing describes, as the
 * typings of stripe-node 22.4.0 (the release pinned to 2026-07-29.dahlia) declare them, in {@code
 * openapi/stripe-node-fields.json} (made by {@code scripts/stripe-node-fields.py}): a field not
 * marked optional must be rendered, and may be null only if its type says so. Nested parts without
 * an {@code object} name of their own ({@code charge.payment_method_details.card}, a subscription
 * item's {@code price.recurring}) are followed here; named objects nested in others are checked
 * when {@link ModelShapes} reaches them.
 */
final class CurrentFields {
  private static final JsonNode ROOT = load();
  private static final JsonNode OBJECTS = ROOT.path("objects");
  private static final JsonNode TYPINGS = ROOT.path("typings");

  private CurrentFields() {}

  private static JsonNode load() {
    try (InputStream in =
        CurrentFields.class.getResourceAsStream("/openapi/stripe-node-fields.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void check(String object, JsonNode node, String where, List<String> problems) {
    check(OBJECTS.path(object).path("fields"), node, where + object, problems);
  }

  private static void check(JsonNode fields, JsonNode node, String at, List<String> problems) {
    for (var field : fields.properties()) {
      boolean optional = field.getValue().get(0).asBoolean();
      String type = field.getValue().get(1).asText();
      JsonNode value = node.get(field.getKey());
      if (value == null) {
        if (!optional) {
          problems.add(at + " lacks '" + field.getKey() + "'");
        }
      } else if (value.isNull() && !type.contains("null")) {
        problems.add(at + "." + field.getKey() + " is null, typed " + type);
      } else if (field.getValue().has(2)) {
        nested(
            TYPINGS.path(field.getValue().get(2).asText()),
            value,
            at + "." + field.getKey(),
            problems);
      }
    }
  }

  /** A nested part, or each item of an array of them; one with an object name is not ours. */
  private static void nested(JsonNode typing, JsonNode value, String at, List<String> problems) {
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        nested(typing, value.get(i), at + "[" + i + "]", problems);
      }
    } else if (value.isObject() && !value.has("object")) {
      check(typing, value, at, problems);
    }
  }
}
