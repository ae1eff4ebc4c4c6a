package tally.billing;

import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * An accepted meter event: the row usage is aggregated from, and the acknowledgement Stripe sends
 * (no id; the event's time as {@code timestamp}). Rows are only ever appended, then cancelled;
 * {@code valueText} is the payload's value as a plain non-negative number, or null.
 */
@ApiResource("billing.meter_event")
record MeterEvent(
    String identifier,
    String eventName,
    Map<String, String> payload,
    long created,
    @Field(rendered = false) long eventTime,
    @Field(rendered = false) String customer,
    @Field(rendered = false) String valueText,
    @Field(rendered = false) boolean cancelled)
    implements ApiObject {

  @Field
  long timestamp() {
    return eventTime;
  }

  @Field
  boolean livemode() {
    return false;
  }
}
