package tally.billing;

import java.util.List;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** A usage-threshold alert on a meter, optionally for one customer. */
@ApiResource("billing.alert")
public record Alert(
    String id,
    @Field(rendered = false) long created,
    String title,
    @Field(rendered = false) String meter,
    @Field(rendered = false) long gte,
    @Field(rendered = false) String customer,
    AlertStatus status)
    implements ApiObject {

  public record UsageThreshold(List<Filter> filters, long gte, String meter, String recurrence) {}

  public record Filter(String customer, String type) {}

  @Field
  String alertType() {
    return "usage_threshold";
  }

  @Field
  boolean livemode() {
    return false;
  }

  /** Fires once: the alert's threshold, for all customers ({@code filters} null) or one. */
  @Field
  UsageThreshold usageThreshold() {
    return new UsageThreshold(
        customer == null ? null : List.of(new Filter(customer, "customer")),
        gte,
        meter,
        "one_time");
  }
}
