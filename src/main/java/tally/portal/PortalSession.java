package tally.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** A customer portal session: a short-lived link to the hosted portal for one customer. */
record PortalSession(
    String id,
    String token,
    long created,
    long expiresAt,
    String customer,
    String configuration,
    String returnUrl,
    String locale,
    JsonNode flow,
    String url)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "billing_portal.session");
    n.put("configuration", configuration);
    n.put("created", created);
    n.put("customer", customer);
    n.putNull("customer_account");
    n.set("flow", flow == null ? null : flow.deepCopy());
    n.put("livemode", false);
    n.put("locale", locale);
    n.putNull("on_behalf_of");
    n.put("return_url", returnUrl);
    n.put("url", url);
    return n;
  }
}
