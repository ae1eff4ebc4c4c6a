package tally.fuzz;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tally.store.Db;

/**
 * The number of rows in every table the API writes (charges, ledger, events, ...), in one query: a
 * request that was refused must leave every one of them as it was.
 */
final class RowCounts {
  /**
   * Written by refused requests on purpose: a replayable idempotent 4xx is stored, as Stripe does;
   * the dashboard's request log records every request, refused ones too (Stripe's logs show 4xx).
   */
  private static final Set<String> EXEMPT =
      Set.of("flyway_schema_history", "idempotency_keys", "request_log");

  private final Db db;
  private final List<String> tables;
  private final String query;

  RowCounts(Db db) {
    this.db = db;
    this.tables =
        db.read(h -> {
          try {
            DatabaseMetaData meta = h.getConnection().getMetaData();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
              while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                String schema = rs.getString("TABLE_SCHEM");
                boolean ours = schema == null || schema.equalsIgnoreCase("public");
                if (ours && !EXEMPT.contains(name) && !name.startsWith("sqlite_")) {
                  names.add(name);
                }
              }
            }
            return List.copyOf(names);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < tables.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("(SELECT COUNT(*) FROM ")
          .append(tables.get(i))
          .append(")");
    }
    this.query = sql.toString();
  }

  List<String> tables() {
    return tables;
  }

  Map<String, Long> snapshot() {
    return db.read(h ->
        h.createQuery(query)
            .map((rs, ctx) -> {
              Map<String, Long> counts = new LinkedHashMap<>();
              for (int i = 0; i < tables.size(); i++) {
                counts.put(tables.get(i), rs.getLong(i + 1));
              }
              return counts;
            })
            .one());
  }
}
