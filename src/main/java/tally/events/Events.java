package tally.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Outbox;
import tally.api.Params;
import tally.auth.Accounts;
import tally.core.Ids;
import tally.store.Table;

/**
 * The outbox and {@code /v1/events}. Emitting writes the event and one delivery row per subscribed
 * endpoint in the caller's transaction; the {@link WebhookDispatcher} delivers them later.
 */
public final class Events implements Outbox {
  static final Table<Event> TABLE = Table.of("events", Event.class);
  static final RowMapper<Event> MAPPER = TABLE.mapper();

  private final WebhookEndpoints endpoints;

  public Events(WebhookEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void emit(Ctx ctx, String type, ApiObject object, ObjectNode previousAttributes) {
    String id = Ids.newId("evt_");
    List<String> subscribers = endpoints.subscribedTo(ctx, type);
    ObjectNode json = object.toJson();
    TABLE.insert(
        ctx,
        new Event(
            id,
            ctx.now(),
            type,
            Accounts.defaultVersion(ctx.db(), ctx.accountId()),
            json,
            previousAttributes,
            ctx.requestId(),
            ctx.idempotencyKey(),
            subscribers.size()),
        java.util.Collections.singletonMap("object_id", json.path("id").textValue()));
    for (String endpoint : subscribers) {
      ctx.db()
          .createUpdate(
              "INSERT INTO webhook_deliveries (account_id, event_id, endpoint_id, attempts,"
                  + " next_attempt_at, delivered) VALUES (?, ?, ?, 0, ?, FALSE)")
          .bind(0, ctx.accountId())
          .bind(1, id)
          .bind(2, endpoint)
          .bind(3, ctx.now())
          .execute();
    }
  }

  record ListFilter(ListParams page, String type, List<String> types, Boolean deliverySuccess) {
    static ListFilter decode(Params p) {
      ListParams page = ListParams.read(p);
      String type = p.string("type");
      List<String> types = p.stringList("types");
      if (type != null && types != null) {
        p.fail(
            Errors.invalid("types", "You may only specify one of these parameters: type, types."));
      }
      if (types != null && types.size() > 20) {
        p.fail(Errors.invalid("types", "You may only pass up to 20 event types."));
      }
      return new ListFilter(page, type, types, p.bool("delivery_success"));
    }
  }

  Event retrieve(Ctx ctx, String id) {
    return TABLE.find(ctx, id).orElseThrow(() -> Errors.noSuch("event", id, "id"));
  }

  ListPage list(Ctx ctx, ListFilter f) {
    ListQuery<Event> q = new ListQuery<>("events", "event", ctx.accountId(), MAPPER);
    List<String> patterns = f.type() != null ? List.of(f.type()) : f.types();
    if (patterns != null && !patterns.isEmpty()) {
      Map<String, Object> binds = new LinkedHashMap<>();
      List<String> ors = new java.util.ArrayList<>();
      for (int i = 0; i < patterns.size(); i++) {
        String pattern = patterns.get(i);
        String name = "type" + i;
        if (pattern.endsWith("*")) {
          ors.add("type LIKE :" + name);
          binds.put(name, pattern.substring(0, pattern.length() - 1).replace("%", "") + "%");
        } else {
          ors.add("type = :" + name);
          binds.put(name, pattern);
        }
      }
      q.where("(" + String.join(" OR ", ors) + ")", binds);
    }
    if (f.deliverySuccess() != null) {
      String undelivered =
          "EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.account_id = events.account_id AND"
              + " d.event_id = events.id AND d.delivered = FALSE)";
      q.where(f.deliverySuccess() ? "NOT " + undelivered : undelivered, Map.of());
    }
    return q.page(ctx.db(), f.page(), "/v1/events");
  }
}
