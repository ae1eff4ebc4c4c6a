package tally.billing;

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
    var claims = ctx.db().prepareBatch(CLAIM);
    for (MeterEvent e : events) {
      claims.bind(0, ctx.accountId()).bind(1, e.identifier()).bind(2, e.created()).add();
    }
    int[] claimed = claims.execute();
    List<MeterEvent> fresh = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (claimed[i] == 1) {
        fresh.add(events.get(i));
      }
    }
    if (fresh.isEmpty()) {
      return fresh;
    }
    var inserts = ctx.db().prepareBatch(INSERT);
    for (MeterEvent e : fresh) {
      inserts
          .bind(0, ctx.accountId())
          .bind(1, Sequence.next())
          .bind(2, e.identifier())
          .bind(3, e.eventName())
          .bind(4, e.customer())
          .bind(5, e.valueText())
          .bind(6, e.eventTime())
          .bind(7, e.created())
          .bind(8, Json.write(e.payload()))
          .bind(9, false)
          .add();
    }
    inserts.execute();
    return fresh;
  }
}
