package tally.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.ApiObject;
import tally.core.Json;

/** Stripe's search envelope; {@code total_count} only when it was asked for. */
public record SearchResult(
    String url, List<? extends ApiObject> data, boolean hasMore, String nextPage, Long totalCount)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("object", "search_result");
    ArrayNode items = n.putArray("data");
    data.forEach(item -> items.add(item.toJson()));
    n.put("has_more", hasMore);
    n.put("next_page", nextPage);
    if (totalCount != null) {
      n.put("total_count", totalCount);
    }
    n.put("url", url);
    return n;
  }
}
