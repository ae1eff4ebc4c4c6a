package tally.billing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.Ctx;
import tally.core.Json;
import tally.thinevents.ThinEvent;
import tally.thinevents.ThinEvents;

/**
 * Reports events Stripe would not count as Stripe does, with v2 thin events: {@code
 * v1.billing.meter.error_report_triggered} about the meter, or {@code
 * v1.billing.meter.no_meter_found} when no meter has the event name. One report per meter per
 * request, counting errors by code with a few samples each (Stripe reports per validation window).
 */
final class MeterErrorReports {
  static final String TRIGGERED = "v1.billing.meter.error_report_triggered";
  static final String NO_METER = "v1.billing.meter.no_meter_found";
  private static final int SAMPLES_PER_CODE = 5;

  private final ThinEvents thinEvents;

  MeterErrorReports(ThinEvents thinEvents) {
    this.thinEvents = thinEvents;
  }

  void report(Ctx ctx, List<MeterEventProblem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    Map<String, List<MeterEventProblem>> byMeter = new LinkedHashMap<>();
    for (MeterEventProblem p : problems) {
      byMeter
          .computeIfAbsent(p.meter() == null ? "" : p.meter().id(), k -> new ArrayList<>())
          .add(p);
    }
    long nowMs = ctx.clock().now().toEpochMilli();
    byMeter.forEach((meterId, list) -> {
      ThinEvents.Related related =
          meterId.isEmpty()
              ? null
              : new ThinEvents.Related(meterId, "billing.meter", "/v1/billing/meters/" + meterId);
      thinEvents.publish(
          ctx, nowMs, meterId.isEmpty() ? NO_METER : TRIGGERED, related, data(list, nowMs));
    });
  }

  private static ObjectNode data(List<MeterEventProblem> problems, long nowMs) {
    Map<String, List<MeterEventProblem>> byCode = new LinkedHashMap<>();
    problems.forEach(p -> byCode.computeIfAbsent(p.code(), k -> new ArrayList<>()).add(p));
    ObjectNode data = Json.object();
    int count = problems.size();
    data.put(
        "developer_message_summary",
        count == 1 ? "There is 1 invalid event" : "There are " + count + " invalid events");
    ObjectNode reason = data.putObject("reason");
    reason.put("error_count", count);
    ArrayNode types = reason.putArray("error_types");
    byCode.forEach((code, list) -> {
      ObjectNode type = types.addObject();
      type.put("code", code);
      type.put("error_count", list.size());
      ArrayNode samples = type.putArray("sample_errors");
      list.stream()
          .limit(SAMPLES_PER_CODE)
          .forEach(p -> {
            ObjectNode sample = samples.addObject();
            sample.put("error_message", p.message());
            sample.putObject("request").put("identifier", p.identifier());
          });
    });
    data.put("validation_end", ThinEvent.rfc3339(nowMs));
    data.put("validation_start", ThinEvent.rfc3339(nowMs));
    return data;
  }
}
