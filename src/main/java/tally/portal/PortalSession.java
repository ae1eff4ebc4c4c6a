package tally.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.ObjectSchema;

/**
 * A customer portal session: a short-lived link to the hosted portal for one customer. The link
 * carries only the token; {@code url} is made from it when read (the public base may change).
 */
@ApiResource(
    value = "billing_portal.session",
    nulls = {"customer_account", "on_behalf_of"})
record PortalSession(
    String id,
    @Field(rendered = false) String token,
    long created,
    @Field(rendered = false) long expiresAt,
    String customer,
    String configuration,
    String returnUrl,
    String locale,
    JsonNode flow,
    @Field(stored = false) String url)
    implements ApiObject {

  PortalSession at(String publicBase) {
    return ObjectSchema.of(PortalSession.class)
        .with(this, Map.of("url", publicBase + "/p/session/" + token));
  }

  @Field
  boolean livemode() {
    return false;
  }
}
