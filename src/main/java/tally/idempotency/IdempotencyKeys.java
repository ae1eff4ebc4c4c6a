package tally.idempotency;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.store.Db;
import tally.store.Sql;

/** The idempotency_keys table, and the job that forgets keys after 24 hours. */
public final class IdempotencyKeys {
  static final long RETENTION_SECONDS = 24 * 3600;

  Optional<StoredResponse> find(Handle h, String accountId, String key) {
    return Sql.one(
        h,
        "SELECT method, path, params_hash, request_id, response_status, response_body FROM"
            + " idempotency_keys WHERE account_id = ? AND idempotency_key = ?",
        rs ->
            new StoredResponse(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5) == null ? null : rs.getInt(5),
                rs.getString(6)),
        accountId,
        key);
  }

  /**
   * Claims the key for this request inside its transaction. False if another request holds it: on
   * PostgreSQL the insert waits for that request's transaction, so a false here means it committed.
   */
  boolean claim(
      Handle h,
      String accountId,
      String key,
      String method,
      String path,
      String paramsHash,
      String requestId,
      long now) {
    return Sql.update(
            h,
            "INSERT INTO idempotency_keys (account_id, idempotency_key, method, path,"
                + " params_hash, request_id, created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
                + " DO NOTHING",
            accountId,
            key,
            method,
            path,
            paramsHash,
            requestId,
            now)
        == 1;
  }

  void complete(Handle h, String accountId, String key, int status, String body) {
    Sql.update(
        h,
        "UPDATE idempotency_keys SET response_status = ?, response_body = ? WHERE account_id ="
            + " ? AND idempotency_key = ?",
        status,
        body,
        accountId,
        key);
  }

  /** Deletes keys older than the retention period. */
  public static Scheduler.Job pruner(Db db, Clock clock) {
    return () ->
        db.write(h ->
            h.createUpdate("DELETE FROM idempotency_keys WHERE created < ?")
                .bind(0, clock.nowSeconds() - RETENTION_SECONDS)
                .execute());
  }
}
