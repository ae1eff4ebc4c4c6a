package tally.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.Params;

/**
 * One search engine for every searchable resource: the query compiles to a parameterised WHERE over
 * the resource's indexed columns, newest first, with opaque page tokens.
 */
public final class Search<T extends ApiObject> {
  private final String table;
  private final String resource;
  private final Map<String, SearchField> fields;
  private final Function<Ctx, RowMapper<T>> mapper;

  public Search(
      String table, String resource, Map<String, SearchField> fields, RowMapper<T> mapper) {
    this(table, resource, fields, ctx -> mapper);
  }

  /** For rows that read differently per account (a charge's {@code livemode} is its account's). */
  public Search(
      String table,
      String resource,
      Map<String, SearchField> fields,
      Function<Ctx, RowMapper<T>> mapper) {
    this.table = table;
    this.resource = resource;
    this.fields = fields;
    this.mapper = mapper;
  }

  /** {@code query}, {@code limit}, {@code page}, and whether {@code total_count} was expanded. */
  public record Request(String query, int limit, String page, boolean totalCount) {
    public static Request decode(Params p) {
      String query = p.requiredString("query");
      Long limit = p.integer("limit");
      if (limit != null && (limit < 1 || limit > 100)) {
        p.fail(
            Errors.invalid(
                "parameter_invalid_integer",
                "limit",
                limit < 1
                    ? "This value must be greater than or equal to 1."
                    : "This value must be less than or equal to 100."));
      }
      List<String> expand = p.stringList("expand");
      return new Request(
          query,
          limit == null ? 10 : limit.intValue(),
          p.string("page"),
          expand != null && expand.contains("total_count"));
    }
  }

  public SearchResult run(Ctx ctx, Request r, String url) {
    Map<String, Object> binds = new LinkedHashMap<>();
    String where = compile(r.query(), binds);
    binds.put("account_id", ctx.accountId());
    String base = "FROM " + table + " WHERE account_id = :account_id AND (" + where + ")";
    String paged = base;
    if (r.page() != null) {
      paged += " AND seq < :page_seq";
      binds.put("page_seq", decodePage(r.page()));
    }
    Query q =
        ctx.db()
            .createQuery("SELECT * " + paged + " ORDER BY seq + 0 DESC LIMIT " + (r.limit() + 1));
    binds.forEach(q::bind);
    List<T> rows = new ArrayList<>(q.map(mapper.apply(ctx)).list());
    boolean more = rows.size() > r.limit();
    String next = null;
    if (more) {
      rows.removeLast();
      next = encodePage(seqOf(ctx, rows.getLast()));
    }
    Long total = null;
    if (r.totalCount()) {
      Query count = ctx.db().createQuery("SELECT COUNT(*) " + base);
      binds.forEach((k, v) -> {
        if (!k.equals("page_seq")) {
          count.bind(k, v);
        }
      });
      total = count.mapTo(Long.class).one();
    }
    return new SearchResult(url, rows, more, next, total);
  }

  private String compile(String text, Map<String, Object> binds) {
    try {
      SearchQuery query = SearchQuery.parse(text);
      SearchField.Binds b = new SearchField.Binds(binds);
      List<String> parts = new ArrayList<>();
      for (SearchQuery.Clause c : query.clauses()) {
        String name = c.key() != null ? c.field() + "[]" : c.field();
        SearchField field = fields.get(name);
        if (field == null) {
          throw new SearchQuery.Invalid(
              "Field '" + c.field() + "' is not a searchable field for " + resource + "s.");
        }
        String condition = "(" + field.condition(c, b) + ")";
        parts.add(c.negated() ? "NOT " + condition : condition);
      }
      return String.join(query.anyOf() ? " OR " : " AND ", parts);
    } catch (SearchQuery.Invalid e) {
      throw new ApiException(new ApiError.InvalidRequest(null, "query", e.getMessage()));
    }
  }

  private long seqOf(Ctx ctx, T row) {
    String id = row.toJson().path("id").asText();
    return ctx.db()
        .createQuery("SELECT seq FROM " + table + " WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .mapTo(Long.class)
        .one();
  }

  private static String encodePage(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("page:" + seq).getBytes(StandardCharsets.UTF_8));
  }

  private static long decodePage(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!text.startsWith("page:")) {
        throw new IllegalArgumentException(text);
      }
      return Long.parseLong(text.substring(5));
    } catch (IllegalArgumentException e) {
      throw Errors.invalid("page", "Invalid page token: " + token);
    }
  }

  /** {@code metadata["key"]:"value"} through a side table of (owner, key, lower-cased value). */
  public static SearchField metadata(String metadataTable, String ownerColumn, String ownerTable) {
    // :account_id is bound by run() for every query.
    return (c, b) -> {
      SearchField.only(c, List.of(":"));
      // An uncorrelated IN over the (account, key, value) index: the selective side drives.
      String keyed =
          "SELECT m."
              + ownerColumn
              + " FROM "
              + metadataTable
              + " m WHERE m.account_id = :account_id AND m.meta_key = "
              + b.add(c.key());
      if (c.isNull()) {
        return ownerTable + ".id NOT IN (" + keyed + ")";
      }
      return ownerTable
          + ".id IN ("
          + keyed
          + " AND m.value_lower = "
          + b.add(c.value().toLowerCase(java.util.Locale.ROOT))
          + ")";
    };
  }
}
