package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** A billing meter: how events with one {@code event_name} aggregate per customer. */
public record Meter(
    String id,
    long created,
    long updated,
    String displayName,
    String eventName,
    String formula,
    String customerKey,
    String valueKey,
    String eventTimeWindow,
    String status,
    Long deactivatedAt)
    implements ApiObject {

  public boolean active() {
    return "active".equals(status);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "billing.meter");
    n.put("created", created);
    ObjectNode mapping = n.putObject("customer_mapping");
    mapping.put("event_payload_key", customerKey);
    mapping.put("type", "by_id");
    n.putObject("default_aggregation").put("formula", formula);
    n.put("display_name", displayName);
    n.put("event_name", eventName);
    n.put("event_time_window", eventTimeWindow);
    n.put("livemode", false);
    n.put("status", status);
    n.putObject("status_transitions").put("deactivated_at", deactivatedAt);
    n.put("updated", updated);
    n.putObject("value_settings").put("event_payload_key", valueKey);
    return n;
  }
}
