package tally.thinevents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.Params;
import tally.core.Ids;
import tally.core.Json;
import tally.store.Scope;
import tally.store.Table;

/**
 * Stripe's v2 thin events: features publish them in the transaction of what they report (a meter's
 * error report), and {@code /v2/core/events} lists and retrieves them. They are not v1 events and
 * never appear at {@code /v1/events}.
 */
public final class ThinEvents {
  static final Table<ThinEvent> TABLE = Table.of("thin_events", ThinEvent.class);

  /** The object an event is about, as {@code related_object} names it. */
  public record Related(String id, String type, String url) {}

  /** Records event {@code type}; {@code related} may be null (an event about no object). */
  public ThinEvent publish(Scope s, long createdMs, String type, Related related, ObjectNode data) {
    ThinEvent event =
        new ThinEvent(
            Ids.newId("evt_test_"),
            createdMs,
            type,
            related == null ? null : related.id(),
            related == null ? null : related.type(),
            related == null ? null : related.url(),
            Json.write(data));
    return TABLE.insert(s, event);
  }

  ThinEvent retrieve(Ctx ctx, String id) {
    return TABLE.find(ctx, id).orElseThrow(() -> Errors.noSuch("event", id, "id"));
  }

  /** {@code GET /v2/core/events}: newest first, filtered by related object and types. */
  record Query(String objectId, List<String> types, int limit, Long before) {
    static Query decode(Params p) {
      String objectId = p.string("object_id");
      List<String> types = p.stringList("types");
      Long limit = p.integer("limit");
      if (limit != null && (limit < 1 || limit > 100)) {
        p.fail(Errors.invalid("limit", "limit must be between 1 and 100."));
      }
      String page = p.string("page");
      Long before = null;
      if (page != null) {
        try {
          before = Long.parseLong(page);
        } catch (NumberFormatException e) {
          p.fail(Errors.invalid("page", "Invalid page token."));
        }
      }
      return new Query(objectId, types, limit == null ? 20 : limit.intValue(), before);
    }
  }

  ApiObject list(Ctx ctx, Query q) {
    StringBuilder sql = new StringBuilder("SELECT * FROM thin_events WHERE account_id = :a");
    if (q.objectId() != null) {
      sql.append(" AND related_object_id = :o");
    }
    if (q.types() != null && !q.types().isEmpty()) {
      sql.append(" AND type IN (<types>)");
    }
    if (q.before() != null) {
      sql.append(" AND seq < :before");
    }
    sql.append(" ORDER BY seq DESC LIMIT :limit");
    var query = ctx.db().createQuery(sql.toString()).bind("a", ctx.accountId());
    if (q.objectId() != null) {
      query.bind("o", q.objectId());
    }
    if (q.types() != null && !q.types().isEmpty()) {
      query.bindList("types", q.types());
    }
    if (q.before() != null) {
      query.bind("before", q.before());
    }
    List<Row> rows =
        query
            .bind("limit", q.limit() + 1)
            .map((rs, c) -> new Row(rs.getLong("seq"), TABLE.mapper().map(rs, c)))
            .list();
    boolean more = rows.size() > q.limit();
    List<Row> page = more ? rows.subList(0, q.limit()) : rows;
    String next =
        more ? "/v2/core/events?page=" + page.getLast().seq() + "&limit=" + q.limit() : null;
    return ApiObject.of(() -> {
      ObjectNode json = Json.object();
      ArrayNode data = json.putArray("data");
      page.forEach(r -> data.add(r.event().toJson()));
      if (next == null) {
        json.putNull("next_page_url");
      } else {
        json.put("next_page_url", next);
      }
      json.putNull("previous_page_url");
      return json;
    });
  }

  private record Row(long seq, ThinEvent event) {}
}
