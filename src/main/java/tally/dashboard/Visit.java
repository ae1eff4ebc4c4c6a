package tally.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tally.api.Account;
import tally.http.FormDecoder;

/** A signed-in page request: the account, the session's CSRF token and the query's values. */
record Visit(Account account, String csrf, Map<String, Object> query, String section) {
  static Visit of(Account account, String csrf, String rawQuery, String section) {
    Map<String, Object> q;
    try {
      q = FormDecoder.decode(rawQuery);
    } catch (RuntimeException e) {
      q = Map.of();
    }
    return new Visit(account, csrf, q, section);
  }

  /** A query value, or null when absent, empty or not a plain string. */
  String param(String name) {
    return query.get(name) instanceof String s && !s.isBlank() ? s : null;
  }

  Views.Frame frame(String title, String notice, String error) {
    List<Views.Nav> nav = new ArrayList<>();
    nav.add(new Views.Nav("/dashboard", "Home", section.isEmpty()));
    for (Resource r : Resources.ALL) {
      nav.add(new Views.Nav("/dashboard/" + r.name(), r.title(), r.name().equals(section)));
    }
    return new Views.Frame(title, nav, csrf, notice, error);
  }
}
