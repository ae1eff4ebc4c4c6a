package tally.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** {@code data.previous_attributes} of an update event: the old values of the changed fields. */
public final class Changes {
  private Changes() {}

  public static ObjectNode previous(ApiObject before, ApiObject after) {
    ObjectNode old = before.toJson();
    ObjectNode now = after.toJson();
    ObjectNode previous = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : old.properties()) {
      JsonNode current = now.get(field.getKey());
      if (current == null || !current.equals(field.getValue())) {
        previous.set(field.getKey(), field.getValue());
      }
    }
    return previous;
  }
}
