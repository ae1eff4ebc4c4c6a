package tally.billing;

import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** A cancellation of an earlier meter event; applied at once, reported as Stripe does. */
@ApiResource("billing.meter_event_adjustment")
record MeterEventAdjustment(Cancel cancel, String eventName) implements ApiObject {

  record Cancel(String identifier) {}

  MeterEventAdjustment(String eventName, String identifier) {
    this(new Cancel(identifier), eventName);
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Field
  String status() {
    return "pending";
  }

  @Field
  String type() {
    return "cancel";
  }
}
