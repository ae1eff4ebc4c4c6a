package tally.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** A meter's aggregated usage for one customer over one window. */
@ApiResource("billing.meter_event_summary")
record MeterEventSummary(
    String id,
    String meter,
    long startTime,
    long endTime,
    @Field(rendered = false) BigDecimal value)
    implements ApiObject {

  /** The value without trailing zeros, never in exponent form (10, not 1E+1). */
  @Field
  JsonNode aggregatedValue() {
    BigDecimal v = value.stripTrailingZeros();
    return DecimalNode.valueOf(v.scale() < 0 ? v.setScale(0) : v);
  }

  @Field
  boolean livemode() {
    return false;
  }
}
