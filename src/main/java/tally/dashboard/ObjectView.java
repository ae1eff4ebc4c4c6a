package tally.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.billing.Meters;
import tally.core.Json;
import tally.events.EventLog;
import tally.pages.Pages;

/**
 * An object's page: its fields and JSON as the API returns them, the objects it names, its event
 * timeline, the logged API requests that touched it, its webhook deliveries (events) and the
 * test-mode actions that apply to it.
 */
final class ObjectView {
  private static final Resource EVENTS = Resources.named("events").orElseThrow();

  private final ApiCalls api;
  private final EventLog eventLog;
  private final RequestLog requestLog;
  private final Actions actions;
  private final Meters meters;

  ObjectView(
      ApiCalls api, EventLog eventLog, RequestLog requestLog, Actions actions, Meters meters) {
    this.meters = meters;
    this.api = api;
    this.eventLog = eventLog;
    this.requestLog = requestLog;
    this.actions = actions;
  }

  String render(Visit visit, Resource r, String id, String notice, String error) {
    ObjectNode object = api.get(visit.account(), r.retrievePath(id), "");
    Map<String, Object> params = new HashMap<>();
    params.put("frame", visit.frame(r.title() + " · " + id, notice, error));
    params.put("id", id);
    params.put("summary", summary(object));
    List<Views.Field> fields = new ArrayList<>();
    object
        .properties()
        .forEach(
            e -> fields.add(new Views.Field(e.getKey(), Format.field(e.getKey(), e.getValue()))));
    params.put("fields", fields);
    params.put("related", related(object, id));
    params.put("json", pretty(object));
    List<Views.Delivery> deliveries = new ArrayList<>();
    List<JsonNode> events = new ArrayList<>();
    api.read(
        visit.account(),
        ctx -> {
          events.addAll(eventLog.about(ctx, id, 50));
          if (r.name().equals("events")) {
            eventLog.deliveries(ctx, id).forEach(d -> deliveries.add(delivery(d)));
          }
          return null;
        });
    params.put("events", ListView.table(EVENTS, events));
    params.put("deliveries", deliveries);
    params.put("requests", requestLog.touching(visit.account().id(), id, 20));
    params.put(
        "actions", visit.account().livemode() ? List.of() : actions.forObject(visit, r, object));
    params.put("sections", sections(visit, r, id));
    return Pages.render("dashboard/object.jte", params);
  }

  /** The line under the title: status, amount and customer, as far as the object has them. */
  private static List<Views.Cell> summary(JsonNode object) {
    List<Views.Cell> out = new ArrayList<>();
    out.add(Views.Cell.text(object.path("object").asText()));
    if (object.path("status").isTextual()) {
      String status = object.path("status").asText();
      out.add(new Views.Cell(status, null, "badge " + status));
    }
    if (object.path("amount").isNumber() && object.path("currency").isTextual()) {
      out.add(
          Views.Cell.text(
              Format.money(object.path("amount").asLong(), object.path("currency").asText())));
    }
    if (object.path("customer").isTextual()) {
      out.add(Format.id(object.path("customer").asText()));
    }
    return out;
  }

  private static String pretty(JsonNode node) {
    return Json.pretty(node);
  }

  /** Every id inside the object that names another object the dashboard shows, by field path. */
  static List<Views.Field> related(JsonNode object, String self) {
    Map<String, String> found = new LinkedHashMap<>();
    collect(object, "", found, 0);
    List<Views.Field> out = new ArrayList<>();
    found.forEach((path, id) -> {
      if (!id.equals(self) && !path.equals("id")) {
        out.add(new Views.Field(path, Format.id(id)));
      }
    });
    return out;
  }

  private static void collect(JsonNode node, String path, Map<String, String> out, int depth) {
    if (depth > 5 || out.size() >= 50) {
      return;
    }
    if (node.isTextual() && Resources.forId(node.asText()).isPresent()) {
      out.putIfAbsent(path, node.asText());
    } else if (node.isObject()) {
      node.properties()
          .forEach(e ->
              collect(
                  e.getValue(),
                  path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                  out,
                  depth + 1));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", out, depth + 1);
      }
    }
  }

  private static Views.Delivery delivery(EventLog.Delivery d) {
    String state =
        d.delivered()
            ? "delivered"
            : d.nextAttemptAt() == null ? "failed, no more retries" : "pending";
    List<String> attempts =
        d.history().stream()
            .map(a ->
                "#"
                    + a.number()
                    + " "
                    + Format.time(a.at())
                    + " → "
                    + (a.status() < 0 ? "no response" : "HTTP " + a.status()))
            .toList();
    return new Views.Delivery(
        d.endpointId(),
        d.url(),
        state,
        d.nextAttemptAt() == null ? "—" : Format.time(d.nextAttemptAt()),
        attempts);
  }

  /** Lists an object has beside its own fields: a customer's payments, a meter's usage. */
  private List<Views.Section> sections(Visit visit, Resource r, String id) {
    List<Views.Section> out = new ArrayList<>();
    if (r.name().equals("customers")) {
      Resource charges = Resources.named("charges").orElseThrow();
      ObjectNode list =
          api.get(visit.account(), "/v1/charges", "limit=10&customer=" + ListView.enc(id));
      List<JsonNode> rows = new ArrayList<>();
      list.path("data").forEach(rows::add);
      out.add(new Views.Section("customer-charges", "Charges", ListView.table(charges, rows)));
    }
    if (r.name().equals("meters")) {
      out.add(MeterUsage.section(api, meters, visit, id));
    }
    return out;
  }
}
