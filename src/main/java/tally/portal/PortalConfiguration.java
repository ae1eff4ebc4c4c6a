package tally.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** A customer portal configuration; {@code settings} holds the fields as Stripe renders them. */
public record PortalConfiguration(
    String id, long created, long updated, boolean active, boolean isDefault, ObjectNode settings)
    implements ApiObject {

  boolean enabled(String feature) {
    return settings.path("features").path(feature).path("enabled").asBoolean(false);
  }

  boolean allowsUpdateOf(String field) {
    if (!enabled("customer_update")) {
      return false;
    }
    for (var allowed : settings.path("features").path("customer_update").path("allowed_updates")) {
      if (allowed.asText().equals(field)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "billing_portal.configuration");
    n.put("active", active);
    n.putNull("application");
    n.set("business_profile", settings.get("business_profile").deepCopy());
    n.put("created", created);
    n.set("default_return_url", settings.get("default_return_url").deepCopy());
    n.set("features", settings.get("features").deepCopy());
    n.put("is_default", isDefault);
    n.put("livemode", false);
    n.set("login_page", settings.get("login_page").deepCopy());
    n.set("metadata", settings.get("metadata").deepCopy());
    n.set("name", settings.get("name").deepCopy());
    n.put("updated", updated);
    return n;
  }
}
