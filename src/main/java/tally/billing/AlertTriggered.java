package tally.billing;

import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** The {@code billing.alert_triggered} object carried by {@code billing.alert.triggered}. */
@ApiResource("billing.alert_triggered")
record AlertTriggered(Alert alert, long created, String customer, long value) implements ApiObject {
  @Field
  boolean livemode() {
    return false;
  }
}
