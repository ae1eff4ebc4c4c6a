package tally.billing;

import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** A billing meter: how events with one {@code event_name} aggregate per customer. */
@ApiResource("billing.meter")
public record Meter(
    String id,
    long created,
    long updated,
    String displayName,
    String eventName,
    @Field(rendered = false) String formula,
    @Field(rendered = false) String customerKey,
    @Field(rendered = false) String valueKey,
    String eventTimeWindow,
    MeterStatus status,
    @Field(rendered = false) Long deactivatedAt)
    implements ApiObject {

  public record CustomerMapping(String eventPayloadKey, String type) {}

  public record DefaultAggregation(String formula) {}

  public record StatusTransitions(Long deactivatedAt) {}

  public record ValueSettings(String eventPayloadKey) {}

  public boolean active() {
    return status == MeterStatus.ACTIVE;
  }

  @Field
  CustomerMapping customerMapping() {
    return new CustomerMapping(customerKey, "by_id");
  }

  @Field
  DefaultAggregation defaultAggregation() {
    return new DefaultAggregation(formula);
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Field
  StatusTransitions statusTransitions() {
    return new StatusTransitions(deactivatedAt);
  }

  @Field
  ValueSettings valueSettings() {
    return new ValueSettings(valueKey);
  }
}
