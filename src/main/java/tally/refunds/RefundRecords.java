package tally.refunds;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.core.Ids;
import tally.core.Sequence;
import tally.store.Json;

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
    ctx.db()
        .createUpdate(
            "INSERT INTO refunds (account_id, id, seq, created, charge, amount, currency, status,"
                + " reason, balance_transaction, instructions_email, metadata) VALUES (:account_id,"
                + " :id, :seq, :created, :charge, :amount, :currency, :status, :reason, :txn,"
                + " :instructions_email, :metadata)")
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
        .execute();
    return find(ctx, id).orElseThrow();
  }

  public Optional<Refund> find(Ctx ctx, String id) {
    return ctx.db()
        .createQuery("SELECT * FROM refunds WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .map(MAPPER)
        .findOne();
  }
}
