package tally.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.Json;
import tally.core.ObjectSchema;

/** A product of the catalog; renders Stripe's product object, or the deleted stub. */
@ApiResource(
    value = "product",
    nulls = {"package_dimensions"})
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
    @Field(rendered = false) boolean deleted)
    implements ApiObject {

  @Field
  boolean livemode() {
    return false;
  }

  @Field
  List<Object> marketingFeatures() {
    return List.of();
  }

  @Override
  public ObjectNode toJson() {
    if (deleted) {
      return Json.object().put("id", id).put("object", "product").put("deleted", true);
    }
    return ObjectSchema.of(Product.class).render(this);
  }
}
