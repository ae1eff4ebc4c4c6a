package tally.idempotency;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.store.Db;

/** The idempotency_keys table, and the job that forgets keys after 24 hours. */
public final class IdempotencyKeys {
  static final long RETENTION_SECONDS = 24 * 3600;

  Optional<StoredResponse> find(Handle h, String accountId, String key) {
    return h.createQuery(
            "SELECT method, path, params_hash, request_id, response_status, response_body FROM"
                + " idempotency_keys WHERE account_id = ? AND idempotency_key = ?")
        .bind(0, accountId)
        .bind(1, key)
        .map((rs, c) ->
            new StoredResponse(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5) == null ? null : rs.getInt(5),
                rs.getString(6)))
        .findOne();
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
    return h.createUpdate(
                "INSERT INTO idempotency_keys (account_id, idempotency_key, method, path,"
                    + " params_hash, request_id, created) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
                    + " DO NOTHING")
            .bind(0, accountId)
            .bind(1, key)
            .bind(2, method)
            .bind(3, path)
            .bind(4, paramsHash)
            .bind(5, requestId)
            .bind(6, now)
            .execute()
        == 1;
  }

  void complete(Handle h, String accountId, String key, int status, String body) {
    h.createUpdate(
            "UPDATE idempotency_keys SET response_status = ?, response_body = ? WHERE account_id ="
                + " ? AND idempotency_key = ?")
        .bind(0, status)
        .bind(1, body)
        .bind(2, accountId)
        .bind(3, key)
        .execute();
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
