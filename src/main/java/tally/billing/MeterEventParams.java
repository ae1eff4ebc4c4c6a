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
      return decode(p, p.integer("timestamp"));
    }

    /** {@code /v2}: the same fields, with {@code timestamp} an RFC 3339 time. */
    static Create decodeV2(Params p) {
      return decode(p, rfc3339(p, "timestamp"));
    }

    private static Create decode(Params p, Long timestamp) {
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
      return new Create(eventName, payload, identifier, timestamp);
    }
  }

  /** The events of one {@code /v2/billing/meter_event_stream} request: 1 to 100 of them. */
  record Stream(List<Create> events) {
    static final int MAX_EVENTS = 100;

    static Stream decode(Params p) {
      List<Params> items = p.hashList("events");
      List<Create> events = new java.util.ArrayList<>();
      if (items == null || items.isEmpty()) {
        p.fail(Errors.missing("events"));
      } else if (items.size() > MAX_EVENTS) {
        p.fail(
            Errors.invalid(
                "events",
                "A meter event stream request takes at most "
                    + MAX_EVENTS
                    + " events; this one has "
                    + items.size()
                    + "."));
      } else {
        items.forEach(item -> events.add(Create.decodeV2(item)));
      }
      return new Stream(events);
    }
  }

  private static Long rfc3339(Params p, String name) {
    String text = p.string(name);
    if (text == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(text).toEpochSecond();
    } catch (java.time.format.DateTimeParseException e) {
      p.fail(
          Errors.invalid(
              p.path(name),
              "Invalid "
                  + p.path(name)
                  + ": must be an RFC 3339 timestamp such as 2024-06-01T12:00:00.000Z"));
      return null;
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
