package tally.billing;

import java.util.List;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Params;

/** Params of the meter endpoints. */
final class MeterParams {
  private MeterParams() {}

  record Create(
      String displayName,
      String eventName,
      String formula,
      String customerKey,
      String valueKey,
      String eventTimeWindow) {
    static Create decode(Params p) {
      String displayName = p.requiredString("display_name");
      if (displayName != null && displayName.length() > 250) {
        p.fail(
            Errors.invalid("display_name", "Invalid display_name: must be at most 250 characters"));
      }
      String eventName = p.requiredString("event_name");
      if (eventName != null && eventName.length() > 100) {
        p.fail(Errors.invalid("event_name", "Invalid event_name: must be at most 100 characters"));
      }
      Params aggregation = p.hash("default_aggregation");
      String formula = null;
      if (aggregation == null) {
        p.fail(Errors.missing("default_aggregation"));
      } else {
        formula = aggregation.requiredString("formula");
        if (formula != null) {
          formula = aggregation.oneOf("formula", List.of("count", "last", "sum"));
        }
      }
      String customerKey = "stripe_customer_id";
      Params mapping = p.hash("customer_mapping");
      if (mapping != null) {
        customerKey = mapping.requiredString("event_payload_key");
        mapping.requiredString("type");
        mapping.oneOf("type", List.of("by_id"));
      }
      String valueKey = "value";
      Params value = p.hash("value_settings");
      if (value != null) {
        valueKey = value.requiredString("event_payload_key");
      }
      String window = p.oneOf("event_time_window", List.of("day", "hour"));
      return new Create(displayName, eventName, formula, customerKey, valueKey, window);
    }
  }

  record Update(String displayName) {
    static Update decode(Params p) {
      return new Update(p.string("display_name"));
    }
  }

  record ListFilter(ListParams page, String status) {
    static ListFilter decode(Params p) {
      return new ListFilter(ListParams.read(p), p.oneOf("status", List.of("active", "inactive")));
    }
  }
}
