package tally.dashboard;

import java.util.List;

/**
 * One kind of object the dashboard lists: its API list path, the query its list always adds (a
 * subscription list shows canceled ones too), its Search API path if it has one, the id prefixes
 * that name it, and the columns of its table.
 */
record Resource(
    String name,
    String title,
    String apiPath,
    String listQuery,
    String searchPath,
    List<String> prefixes,
    List<Column> columns) {

  /** A table column: a dotted JSON path and how to show it. */
  record Column(String label, String path, Kind kind) {}

  enum Kind {
    /** The value as text. */
    TEXT,
    /** An id: a link to its object page when the dashboard knows its kind. */
    ID,
    /** An amount in the smallest unit, with the object's {@code currency}. */
    MONEY,
    /** A Unix time. */
    TIME,
    /** A status, shown as a badge. */
    STATUS
  }

  String retrievePath(String id) {
    return apiPath + "/" + id;
  }

  boolean names(String id) {
    return prefixes.stream().anyMatch(id::startsWith);
  }
}
