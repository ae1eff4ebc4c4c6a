package tally.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import tally.api.Ctx;
import tally.core.Json;
import tally.core.Sequence;

/**
 * Writes accepted meter events in batches: one JDBC batch claims the identifiers, one inserts the
 * events whose claim held. The claim is an upsert on {@code meter_event_identifiers}' key that only
 * retakes an identifier last claimed 24 hours ago or more, so a duplicate (in this batch, from an
 * earlier request, or from another process at the same moment) loses at the key, with no read
 * first.
 */
final class MeterEventStore {
  static final long IDENTIFIER_WINDOW = 24L * 3600;

  private static final String CLAIM =
      "INSERT INTO meter_event_identifiers (account_id, identifier, claimed_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (account_id, identifier) DO UPDATE SET claimed_at = excluded.claimed_at"
          + " WHERE meter_event_identifiers.claimed_at <= excluded.claimed_at - "
          + IDENTIFIER_WINDOW;
  private static final String INSERT =
      "INSERT INTO meter_events (account_id, seq, identifier, event_name, customer, value_text,"
          + " event_time, created, payload, cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private MeterEventStore() {}

  /** Stores the events whose identifier is free and returns them; the others were duplicates. */
  static List<MeterEvent> storeNew(Ctx ctx, List<MeterEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    // Plain JDBC batches: Jdbi's per-value binding cost more than SQLite's own work per event.
    Connection connection = ctx.db().getConnection();
    try {
      int[] claimed;
      try (PreparedStatement claims = connection.prepareStatement(CLAIM)) {
        for (MeterEvent e : events) {
          claims.setString(1, ctx.accountId());
          claims.setString(2, e.identifier());
          claims.setLong(3, e.created());
          claims.addBatch();
        }
        claimed = claims.executeBatch();
      }
      List<MeterEvent> fresh = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        if (claimed[i] == 1) {
          fresh.add(events.get(i));
        }
      }
      if (!fresh.isEmpty()) {
        insert(connection, ctx.accountId(), fresh);
      }
      return fresh;
    } catch (SQLException e) {
      throw new IllegalStateException("storing meter events failed", e);
    }
  }

  private static void insert(Connection connection, String accountId, List<MeterEvent> events)
      throws SQLException {
    try (PreparedStatement inserts = connection.prepareStatement(INSERT)) {
      for (MeterEvent e : events) {
        inserts.setString(1, accountId);
        inserts.setLong(2, Sequence.next());
        inserts.setString(3, e.identifier());
        inserts.setString(4, e.eventName());
        inserts.setString(5, e.customer());
        inserts.setString(6, e.valueText());
        inserts.setLong(7, e.eventTime());
        inserts.setLong(8, e.created());
        inserts.setString(9, Json.write(e.payload()));
        inserts.setBoolean(10, false);
        inserts.addBatch();
      }
      inserts.executeBatch();
    }
  }
}
