package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import tally.api.ApiObject;
import tally.core.Json;

/** A meter's aggregated usage for one customer over one window. */
record MeterEventSummary(String id, String meter, long startTime, long endTime, BigDecimal value)
    implements ApiObject {
  @Override
  public ObjectNode toJson() {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("object", "billing.meter_event_summary");
    n.put("aggregated_value", value.stripTrailingZeros());
    n.put("end_time", endTime);
    n.put("livemode", false);
    n.put("meter", meter);
    n.put("start_time", startTime);
    return n;
  }
}
