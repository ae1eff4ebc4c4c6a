package tally.billing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.Errors;
import tally.api.Params;

/** Params of meter events and their adjustments. */
final class MeterEventParams {
  private MeterEventParams() {}

  record Create(String eventName, Map<String, String> payload, String identifier, Long timestamp) {
    static Create decode(Params p) {
      String eventName = p.requiredString("event_name");
      if (eventName != null && eventName.length() > 100) {
        p.fail(Errors.invalid("event_name", "Invalid event_name: must be at most 100 characters"));
      }
      Map<String, String> payload = new LinkedHashMap<>();
      Object raw = p.raw("payload");
      if (raw == null || "".equals(raw)) {
        p.fail(Errors.missing("payload"));
      } else if (raw instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (e.getValue() instanceof String s) {
            payload.put((String) e.getKey(), s);
          } else {
            p.fail(Errors.invalid("payload[" + e.getKey() + "]", "Invalid string"));
          }
        }
      } else {
        p.fail(Errors.invalid("payload", "Invalid hash"));
      }
      String identifier = p.string("identifier");
      if (identifier != null && identifier.length() > 100) {
        p.fail(Errors.invalid("identifier", "Invalid identifier: must be at most 100 characters"));
      }
      return new Create(eventName, payload, identifier, p.integer("timestamp"));
    }
  }

  record Adjust(String eventName, String identifier) {
    static Adjust decode(Params p) {
      String eventName = p.requiredString("event_name");
      p.requiredString("type");
      p.oneOf("type", List.of("cancel"));
      Params cancel = p.hash("cancel");
      String identifier = null;
      if (cancel == null) {
        p.fail(Errors.missing("cancel"));
      } else {
        identifier = cancel.requiredString("identifier");
      }
      return new Adjust(eventName, identifier);
    }
  }
}
