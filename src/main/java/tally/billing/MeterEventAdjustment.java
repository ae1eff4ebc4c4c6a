package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** A cancellation of an earlier meter event; applied at once, reported as Stripe does. */
record MeterEventAdjustment(String eventName, String identifier) implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("object", "billing.meter_event_adjustment");
    n.putObject("cancel").put("identifier", identifier);
    n.put("event_name", eventName);
    n.put("livemode", false);
    n.put("status", "pending");
    n.put("type", "cancel");
    return n;
  }
}
