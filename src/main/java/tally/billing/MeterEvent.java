package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.Json;

/** The acknowledgement of an accepted meter event (Stripe gives it no id). */
record MeterEvent(
    long created, String eventName, String identifier, Map<String, String> payload, long timestamp)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("object", "billing.meter_event");
    n.put("created", created);
    n.put("event_name", eventName);
    n.put("identifier", identifier);
    n.put("livemode", false);
    n.set("payload", Json.MAPPER.valueToTree(payload));
    n.put("timestamp", timestamp);
    return n;
  }
}
