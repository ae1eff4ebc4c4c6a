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

  private JsonNode feature(String name) {
    return settings.path("features").path(name);
  }

  /** {@code subscription_cancel.mode}: {@code at_period_end} or {@code immediately}. */
  String cancelMode() {
    return feature("subscription_cancel").path("mode").asText("at_period_end");
  }

  String cancelProration() {
    return feature("subscription_cancel").path("proration_behavior").asText("none");
  }

  /** The reasons a canceling customer may pick from, empty when none is asked for. */
  java.util.List<String> cancellationReasons() {
    JsonNode reason = feature("subscription_cancel").path("cancellation_reason");
    java.util.List<String> out = new java.util.ArrayList<>();
    if (reason.path("enabled").asBoolean(false)) {
      reason.path("options").forEach(o -> out.add(o.asText()));
    }
    return out;
  }

  String updateProration() {
    return feature("subscription_update").path("proration_behavior").asText("none");
  }

  /** {@code subscription_update.billing_cycle_anchor=now}: a change restarts the cycle. */
  boolean restartsCycle() {
    return feature("subscription_update").path("billing_cycle_anchor").asText().equals("now");
  }

  /**
   * {@code subscription_update.trial_update_behavior}: whether a change to a trialing subscription
   * ends its trial ({@code end_trial}, Stripe's default) or lets it go on ({@code continue_trial}).
   */
  boolean endsTrialOnUpdate() {
    return !feature("subscription_update")
        .path("trial_update_behavior")
        .asText()
        .equals("continue_trial");
  }

  /** Whether {@code subscription_update.default_allowed_updates} has {@code what}. */
  boolean allowsSubscriptionUpdateOf(String what) {
    for (JsonNode allowed : feature("subscription_update").path("default_allowed_updates")) {
      if (allowed.asText().equals(what)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code subscription_update.products} entry listing {@code price}, if any. */
  java.util.Optional<JsonNode> productOffering(String price) {
    for (JsonNode product : feature("subscription_update").path("products")) {
      for (JsonNode p : product.path("prices")) {
        if (p.asText().equals(price)) {
          return java.util.Optional.of(product);
        }
      }
    }
    return java.util.Optional.empty();
  }

  /** Every price the configuration offers to switch to, in its order. */
  java.util.List<String> offeredPrices() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode product : feature("subscription_update").path("products")) {
      product.path("prices").forEach(p -> out.add(p.asText()));
    }
    return out;
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
