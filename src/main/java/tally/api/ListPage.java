package tally.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Stripe's list envelope. */
public record ListPage(String url, List<? extends ApiObject> data, boolean hasMore)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("object", "list");
    ArrayNode items = node.putArray("data");
    data.forEach(item -> items.add(item.toJson()));
    node.put("has_more", hasMore);
    node.put("url", url);
    return node;
  }
}
