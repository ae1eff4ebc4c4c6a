package tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** An event: what changed ({@code data.object} as of the change) and which request caused it. */
public record Event(
    String id,
    long created,
    String type,
    String apiVersion,
    JsonNode object,
    JsonNode previousAttributes,
    String requestId,
    String idempotencyKey,
    int pendingWebhooks)
    implements ApiObject {

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "event");
    n.put("api_version", apiVersion);
    n.put("created", created);
    ObjectNode data = n.putObject("data");
    data.set("object", object.deepCopy());
    if (previousAttributes != null && !previousAttributes.isNull()) {
      data.set("previous_attributes", previousAttributes.deepCopy());
    }
    n.put("livemode", false);
    n.put("pending_webhooks", pendingWebhooks);
    ObjectNode request = n.putObject("request");
    request.put("id", requestId);
    request.put("idempotency_key", idempotencyKey);
    n.put("type", type);
    return n;
  }
}
