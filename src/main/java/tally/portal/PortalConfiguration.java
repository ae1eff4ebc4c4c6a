package tally.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * A customer portal configuration; {@code settings} holds the fields the merchant sets
 * (business_profile, default_return_url, features, login_page, metadata, name) as Stripe renders
 * them.
 */
@ApiResource(
    value = "billing_portal.configuration",
    nulls = {"application"})
public record PortalConfiguration(
    String id,
    long created,
    long updated,
    boolean active,
    boolean isDefault,
    @Field(rendered = false) ObjectNode settings)
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

  @Field
  JsonNode businessProfile() {
    return settings.get("business_profile");
  }

  @Field
  JsonNode defaultReturnUrl() {
    return settings.get("default_return_url");
  }

  @Field
  JsonNode features() {
    return settings.get("features");
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Field
  JsonNode loginPage() {
    return settings.get("login_page");
  }

  @Field
  JsonNode metadata() {
    return settings.get("metadata");
  }

  @Field
  JsonNode name() {
    return settings.get("name");
  }
}
