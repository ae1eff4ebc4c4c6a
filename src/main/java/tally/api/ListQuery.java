package tally.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * One list query for every list endpoint: the account's rows of a table, newest first by insertion
 * order, with {@code created} ranges, cursors in either direction and per-endpoint filters.
 */
public final class ListQuery<T extends ApiObject> {
  private final String table;
  private final String resource;
  private final RowMapper<T> mapper;
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> binds = new LinkedHashMap<>();

  public ListQuery(String table, String resource, String accountId, RowMapper<T> mapper) {
    this.table = table;
    this.resource = resource;
    this.mapper = mapper;
    conditions.add("account_id = :account_id");
    binds.put("account_id", accountId);
  }

  /** Adds {@code column = value} when the value was given. */
  public ListQuery<T> whereEquals(String column, Object value) {
    if (value != null) {
      String name = "f" + binds.size();
      conditions.add(column + " = :" + name);
      binds.put(name, value);
    }
    return this;
  }

  /** Adds {@code column IN (…)} when values were given, each value bound. */
  public ListQuery<T> whereIn(String column, java.util.List<?> values) {
    if (values != null && !values.isEmpty()) {
      java.util.List<String> names = new ArrayList<>();
      for (Object value : values) {
        String name = "f" + binds.size();
        names.add(":" + name);
        binds.put(name, value);
      }
      conditions.add(column + " IN (" + String.join(", ", names) + ")");
    }
    return this;
  }

  /** Adds a raw condition with its named binds (all values must be bound, never inlined). */
  public ListQuery<T> where(String condition, Map<String, Object> values) {
    // Parenthesised, so an OR inside can never escape the account_id condition.
    conditions.add("(" + condition + ")");
    binds.putAll(values);
    return this;
  }

  public ListQuery<T> whereRange(String column, ListParams.Range range) {
    addBound(column, ">", range.gt());
    addBound(column, ">=", range.gte());
    addBound(column, "<", range.lt());
    addBound(column, "<=", range.lte());
    return this;
  }

  private void addBound(String column, String op, Long value) {
    if (value != null) {
      String name = "f" + binds.size();
      conditions.add(column + " " + op + " :" + name);
      binds.put(name, value);
    }
  }

  public ListPage page(Handle h, ListParams params, String url) {
    whereRange("created", params.created());
    boolean backwards = params.endingBefore() != null;
    String cursor = backwards ? params.endingBefore() : params.startingAfter();
    List<String> where = new ArrayList<>(conditions);
    if (cursor != null) {
      long seq = seqOf(h, cursor, backwards ? "ending_before" : "starting_after");
      where.add(backwards ? "seq > :cursor_seq" : "seq < :cursor_seq");
      binds.put("cursor_seq", seq);
    }
    String sql =
        "SELECT * FROM "
            + table
            + " WHERE "
            + String.join(" AND ", where)
            + " ORDER BY seq "
            + (backwards ? "ASC" : "DESC")
            + " LIMIT "
            + (params.limit() + 1);
    Query query = h.createQuery(sql);
    binds.forEach(query::bind);
    List<T> rows = new ArrayList<>(query.map(mapper).list());
    boolean hasMore = rows.size() > params.limit();
    if (hasMore) {
      rows.removeLast();
    }
    if (backwards) {
      java.util.Collections.reverse(rows);
    }
    return new ListPage(url, rows, hasMore);
  }

  private long seqOf(Handle h, String id, String param) {
    return h.createQuery("SELECT seq FROM " + table + " WHERE account_id = :a AND id = :id")
        .bind("a", binds.get("account_id"))
        .bind("id", id)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> Errors.noSuch(resource, id, param));
  }
}
