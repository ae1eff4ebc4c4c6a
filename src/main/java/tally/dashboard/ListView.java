package tally.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tally.pages.Pages;

/**
 * A resource's table, read through its list endpoint, 25 rows a page with the API's own cursors.
 * Search: {@code field:"value"} queries go to the resource's Search API where it has one; any other
 * text is matched against each object's JSON over the newest {@value #SCAN_LIMIT} objects.
 */
final class ListView {
  static final int PAGE = 25;
  static final int SCAN_LIMIT = 1000;

  private final ApiCalls api;

  ListView(ApiCalls api) {
    this.api = api;
  }

  String render(Visit visit, Resource r) {
    String q = visit.param("q");
    Result result;
    if (q == null) {
      result = page(visit, r);
    } else if (q.contains(":") && r.searchPath() != null) {
      result = search(visit, r, q);
    } else {
      result = scan(visit, r, q);
    }
    Map<String, Object> params = new HashMap<>();
    params.put("frame", visit.frame(r.title(), null, null));
    params.put("name", r.name());
    params.put("query", q == null ? "" : q);
    params.put(
        "searchHelp",
        r.searchPath() == null
            ? "any text in the object"
            : "any text, or a Search API query such as "
                + (r.name().equals("customers")
                    ? "email:\"jenny@example.com\""
                    : "status:\"succeeded\""));
    params.put("table", table(r, result.rows()));
    params.put("newer", result.newer());
    params.put("older", result.older());
    params.put("note", result.note());
    return Pages.render("dashboard/list.jte", params);
  }

  private record Result(List<JsonNode> rows, String newer, String older, String note) {}

  private Result page(Visit visit, Resource r) {
    String after = visit.param("starting_after");
    String before = visit.param("ending_before");
    StringBuilder query = new StringBuilder("limit=" + PAGE);
    if (!r.listQuery().isEmpty()) {
      query.append('&').append(r.listQuery());
    }
    if (before != null) {
      query.append("&ending_before=").append(enc(before));
    } else if (after != null) {
      query.append("&starting_after=").append(enc(after));
    }
    ObjectNode list = api.get(visit.account(), r.apiPath(), query.toString());
    List<JsonNode> rows = new ArrayList<>();
    list.path("data").forEach(rows::add);
    boolean more = list.path("has_more").asBoolean();
    String base = "/dashboard/" + r.name();
    String newer = null;
    String older = null;
    if (!rows.isEmpty()) {
      boolean backwards = before != null;
      if (backwards ? more : after != null) {
        newer = base + "?ending_before=" + enc(rows.getFirst().path("id").asText());
      }
      if (backwards || more) {
        older = base + "?starting_after=" + enc(rows.getLast().path("id").asText());
      }
    }
    return new Result(rows, newer, older, null);
  }

  private Result search(Visit visit, Resource r, String q) {
    String query = "limit=" + PAGE + "&query=" + enc(q);
    String page = visit.param("page");
    if (page != null) {
      query += "&page=" + enc(page);
    }
    ObjectNode result = api.get(visit.account(), r.searchPath(), query);
    List<JsonNode> rows = new ArrayList<>();
    result.path("data").forEach(rows::add);
    String next = result.path("next_page").textValue();
    String older =
        next == null ? null : "/dashboard/" + r.name() + "?q=" + enc(q) + "&page=" + enc(next);
    return new Result(rows, null, older, "Search API results for " + q);
  }

  /** Walks the list newest first, keeping objects whose JSON contains the text. */
  private Result scan(Visit visit, Resource r, String q) {
    String needle = q.toLowerCase(Locale.ROOT);
    String cursor = visit.param("starting_after");
    List<JsonNode> matches = new ArrayList<>();
    int scanned = 0;
    boolean more = true;
    String lastSeen = cursor;
    while (more && matches.size() < PAGE && scanned < SCAN_LIMIT) {
      String query = "limit=100" + (r.listQuery().isEmpty() ? "" : "&" + r.listQuery());
      if (lastSeen != null) {
        query += "&starting_after=" + enc(lastSeen);
      }
      ObjectNode list = api.get(visit.account(), r.apiPath(), query);
      more = list.path("has_more").asBoolean();
      for (JsonNode item : list.path("data")) {
        scanned++;
        lastSeen = item.path("id").asText();
        if (item.toString().toLowerCase(Locale.ROOT).contains(needle)) {
          matches.add(item);
          if (matches.size() == PAGE) {
            more = true;
            break;
          }
        }
      }
    }
    String older =
        more && lastSeen != null
            ? "/dashboard/" + r.name() + "?q=" + enc(q) + "&starting_after=" + enc(lastSeen)
            : null;
    String note =
        matches.size()
            + " match"
            + (matches.size() == 1 ? "" : "es")
            + " in "
            + scanned
            + " objects";
    return new Result(matches, null, older, note);
  }

  static Views.Table table(Resource r, List<JsonNode> rows) {
    List<String> headers = r.columns().stream().map(Resource.Column::label).toList();
    List<List<Views.Cell>> cells = new ArrayList<>();
    for (JsonNode row : rows) {
      cells.add(r.columns().stream().map(c -> Format.cell(row, c)).toList());
    }
    return new Views.Table(headers, cells);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
