package tally.refunds;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.core.Ids;
import tally.core.Sequence;
import tally.store.Json;
import tally.store.Rows;

/** The refunds table: refund rows are written here, by the refund API and by captures. */
public final class RefundRecords {
  public static final RowMapper<Refund> MAPPER =
      (rs, c) ->
          new Refund(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getString("charge"),
              rs.getLong("amount"),
              rs.getString("currency"),
              rs.getString("status"),
              rs.getString("reason"),
              rs.getString("balance_transaction"),
              rs.getString("failure_balance_transaction"),
              rs.getString("failure_reason"),
              rs.getString("instructions_email"),
              null,
              null,
              Json.stringMap(rs.getString("metadata")));

  /** What a new refund row holds; the id and creation time are assigned here. */
  public record NewRefund(
      String charge,
      long amount,
      String currency,
      String status,
      String reason,
      String balanceTransaction,
      String instructionsEmail,
      Map<String, String> metadata) {}

  public String newId() {
    return Ids.newId("re_");
  }

  public Refund insert(Ctx ctx, String id, NewRefund r) {
    // RETURNING reads the stored row back (defaults included) without a second query.
    return ctx.db()
        .createQuery(
            "INSERT INTO refunds (account_id, id, seq, created, charge, amount, currency, status,"
                + " reason, balance_transaction, instructions_email, metadata) VALUES (:account_id,"
                + " :id, :seq, :created, :charge, :amount, :currency, :status, :reason, :txn,"
                + " :instructions_email, :metadata) RETURNING *")
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("created", ctx.now())
        .bind("charge", r.charge())
        .bind("amount", r.amount())
        .bind("currency", r.currency())
        .bind("status", r.status())
        .bind("reason", r.reason())
        .bind("txn", r.balanceTransaction())
        .bind("instructions_email", r.instructionsEmail())
        .bind("metadata", Json.write(r.metadata()))
        .map(MAPPER)
        .one();
  }

  /**
   * Arranges for a test card's refund to settle ({@code succeed} or {@code fail}) at {@code dueAt}.
   */
  void scheduleOutcome(Ctx ctx, String id, long dueAt, String outcome) {
    ctx.db()
        .createUpdate(
            "UPDATE refunds SET due_at = ?, pending_outcome = ? WHERE account_id = ? AND id = ?")
        .bind(0, dueAt)
        .bind(1, outcome)
        .bind(2, ctx.accountId())
        .bind(3, id)
        .execute();
  }

  /** Moves a refund from {@code from} to {@code to}; false if it was no longer in {@code from}. */
  boolean transition(
      Ctx ctx, String id, String from, String to, String failureReason, String failureTxn) {
    return ctx.db()
            .createUpdate(
                "UPDATE refunds SET status = :to, failure_reason = COALESCE(:reason,"
                    + " failure_reason), failure_balance_transaction = COALESCE(:txn,"
                    + " failure_balance_transaction), due_at = NULL, pending_outcome = NULL WHERE"
                    + " account_id = :a AND id = :id AND status = :from")
            .bind("to", to)
            .bind("reason", failureReason)
            .bind("txn", failureTxn)
            .bind("a", ctx.accountId())
            .bind("id", id)
            .bind("from", from)
            .execute()
        == 1;
  }

  void setBalanceTransaction(Ctx ctx, String id, String txn) {
    ctx.db()
        .createUpdate("UPDATE refunds SET balance_transaction = ? WHERE account_id = ? AND id = ?")
        .bind(0, txn)
        .bind(1, ctx.accountId())
        .bind(2, id)
        .execute();
  }

  void setMetadata(Ctx ctx, String id, Map<String, String> metadata) {
    ctx.db()
        .createUpdate("UPDATE refunds SET metadata = ? WHERE account_id = ? AND id = ?")
        .bind(0, Json.write(metadata))
        .bind(1, ctx.accountId())
        .bind(2, id)
        .execute();
  }

  /** The row's pending outcome ({@code succeed} or {@code fail}), if one is scheduled. */
  Optional<String> pendingOutcome(Ctx ctx, String id) {
    return ctx.db()
        .createQuery("SELECT pending_outcome FROM refunds WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .mapTo(String.class)
        .findOne();
  }

  public Optional<Refund> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "refunds", ctx.accountId(), id, MAPPER);
  }
}
