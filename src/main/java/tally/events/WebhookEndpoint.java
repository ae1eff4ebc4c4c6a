package tally.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.Json;

/** A webhook endpoint; its signing secret is shown only in the create response. */
public record WebhookEndpoint(
    String id,
    long created,
    String url,
    String description,
    List<String> enabledEvents,
    String secret,
    String status,
    String apiVersion,
    Map<String, String> metadata,
    boolean deleted,
    boolean showSecret)
    implements ApiObject {

  WebhookEndpoint revealingSecret() {
    return new WebhookEndpoint(
        id,
        created,
        url,
        description,
        enabledEvents,
        secret,
        status,
        apiVersion,
        metadata,
        deleted,
        true);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "webhook_endpoint");
    if (deleted) {
      n.put("deleted", true);
      return n;
    }
    n.put("api_version", apiVersion);
    n.putNull("application");
    n.put("created", created);
    n.put("description", description);
    n.set("enabled_events", Json.MAPPER.valueToTree(enabledEvents));
    n.put("livemode", false);
    n.set("metadata", Json.MAPPER.valueToTree(metadata));
    if (showSecret) {
      n.put("secret", secret);
    }
    n.put("status", status);
    n.put("url", url);
    return n;
  }
}
