package tally.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.core.Ids;
import tally.core.Json;
import tally.thinevents.ThinEvent;

/**
 * The {@code /v2/billing} meter endpoints over the same ingestion as v1: v2 objects render times as
 * RFC 3339 and adjustments get an id; the stream answers an empty object.
 */
final class MeterEventsV2 {
  private final MeterEvents events;

  MeterEventsV2(MeterEvents events) {
    this.events = events;
  }

  ApiObject create(Ctx ctx, MeterEventParams.Create p) {
    MeterEvent e = events.create(ctx, p);
    return ApiObject.of(() -> {
      ObjectNode json = Json.object();
      json.put("object", "v2.billing.meter_event");
      json.put("created", ThinEvent.rfc3339(e.created() * 1000));
      json.put("event_name", e.eventName());
      json.put("identifier", e.identifier());
      json.put("livemode", false);
      ObjectNode payload = json.putObject("payload");
      e.payload().forEach(payload::put);
      json.put("timestamp", ThinEvent.rfc3339(e.eventTime() * 1000));
      return json;
    });
  }

  ApiObject stream(Ctx ctx, MeterEventParams.Stream p) {
    events.stream(ctx, p);
    return ApiObject.of(Json::object);
  }

  ApiObject adjust(Ctx ctx, MeterEventParams.Adjust p) {
    MeterEventAdjustment a = events.cancel(ctx, p);
    String id = Ids.newId("mtrevtadj_");
    long created = ctx.now();
    return ApiObject.of(() -> {
      ObjectNode json = Json.object();
      json.put("id", id);
      json.put("object", "v2.billing.meter_event_adjustment");
      json.putObject("cancel").put("identifier", a.cancel().identifier());
      json.put("created", ThinEvent.rfc3339(created * 1000));
      json.put("event_name", a.eventName());
      json.put("livemode", false);
      json.put("status", "pending");
      json.put("type", "cancel");
      return json;
    });
  }
}
