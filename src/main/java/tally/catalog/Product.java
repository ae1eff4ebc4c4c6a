package tally.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.Json;

/** A product of the catalog; renders Stripe's product object, or the deleted stub. */
public record Product(
    String id,
    long created,
    long updated,
    String name,
    boolean active,
    String description,
    String defaultPrice,
    String type,
    String url,
    Boolean shippable,
    String unitLabel,
    String statementDescriptor,
    String taxCode,
    List<String> images,
    Map<String, String> metadata,
    boolean deleted)
    implements ApiObject {

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "product");
    if (deleted) {
      n.put("deleted", true);
      return n;
    }
    n.put("active", active);
    n.put("created", created);
    n.put("default_price", defaultPrice);
    n.put("description", description);
    n.set("images", Json.MAPPER.valueToTree(images));
    n.put("livemode", false);
    n.putArray("marketing_features");
    n.set("metadata", Json.MAPPER.valueToTree(metadata));
    n.put("name", name);
    n.putNull("package_dimensions");
    n.put("shippable", shippable);
    n.put("statement_descriptor", statementDescriptor);
    n.put("tax_code", taxCode);
    n.put("type", type);
    n.put("unit_label", unitLabel);
    n.put("updated", updated);
    n.put("url", url);
    return n;
  }
}
