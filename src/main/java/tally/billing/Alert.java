package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** A usage-threshold alert on a meter, optionally for one customer. */
public record Alert(
    String id, long created, String title, String meter, long gte, String customer, String status)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "billing.alert");
    n.put("alert_type", "usage_threshold");
    n.put("livemode", false);
    n.put("status", status);
    n.put("title", title);
    ObjectNode threshold = n.putObject("usage_threshold");
    if (customer == null) {
      threshold.putNull("filters");
    } else {
      ObjectNode filter = threshold.putArray("filters").addObject();
      filter.put("customer", customer);
      filter.put("type", "customer");
    }
    threshold.put("gte", gte);
    threshold.put("meter", meter);
    threshold.put("recurrence", "one_time");
    return n;
  }
}
