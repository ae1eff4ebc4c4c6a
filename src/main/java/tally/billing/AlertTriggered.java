package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.Json;

/** The {@code billing.alert_triggered} object carried by {@code billing.alert.triggered}. */
record AlertTriggered(Alert alert, long created, String customer, long value) implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("object", "billing.alert_triggered");
    n.set("alert", alert.toJson());
    n.put("created", created);
    n.put("customer", customer);
    n.put("livemode", false);
    n.put("value", value);
    return n;
  }
}
