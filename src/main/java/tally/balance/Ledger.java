package tally.balance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;

/**
 * The balance ledger: every money movement writes a balance transaction, in the same transaction as
 * the change that caused it. Other features record through {@link #record}.
 */
public final class Ledger {
  public static final String TABLE = "balance_transactions";

  public String record(Ctx ctx, Movement m) {
    String id = Ids.newId("txn_");
    ArrayNode feeDetails = JsonNodeFactory.instance.arrayNode();
    if (m.fee() != 0) {
      ObjectNode fd = feeDetails.addObject();
      fd.put("amount", m.fee());
      fd.putNull("application");
      fd.put("currency", m.currency());
      fd.put("description", m.feeDescription());
      fd.put("type", "stripe_fee");
    }
    ctx.db()
        .createUpdate(
            "INSERT INTO balance_transactions (account_id, id, seq, created, available_on, type,"
                + " reporting_category, amount, fee, net, currency, description, source, fee_details)"
                + " VALUES (:account_id, :id, :seq, :created, :available_on, :type, :category,"
                + " :amount, :fee, :net, :currency, :description, :source, :fee_details)")
        .bind("account_id", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("created", ctx.now())
        .bind("available_on", m.availableOn())
        .bind("type", m.type())
        .bind("category", m.reportingCategory())
        .bind("amount", m.amount())
        .bind("fee", m.fee())
        .bind("net", m.amount() - m.fee())
        .bind("currency", m.currency())
        .bind("description", m.description())
        .bind("source", m.source())
        .bind("fee_details", Json.write(feeDetails))
        .execute();
    return id;
  }

  public Optional<BalanceTransaction> find(Ctx ctx, String id) {
    return find(ctx.db(), ctx.accountId(), id, ctx.now());
  }

  /** The movements an object caused (a dispute's withdrawal and reversal), oldest first. */
  public List<BalanceTransaction> forSource(Ctx ctx, String source) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM balance_transactions WHERE account_id = ? AND source = ? ORDER BY seq")
        .bind(0, ctx.accountId())
        .bind(1, source)
        .map(mapper(ctx.now()))
        .list();
  }

  static Optional<BalanceTransaction> find(Handle h, String accountId, String id, long now) {
    return h.createQuery("SELECT * FROM balance_transactions WHERE account_id = ? AND id = ?")
        .bind(0, accountId)
        .bind(1, id)
        .map(mapper(now))
        .findOne();
  }

  public static RowMapper<BalanceTransaction> mapper(long now) {
    return (rs, c) ->
        new BalanceTransaction(
            rs.getString("id"),
            rs.getLong("created"),
            rs.getLong("available_on"),
            rs.getString("type"),
            rs.getString("reporting_category"),
            rs.getLong("amount"),
            rs.getLong("fee"),
            rs.getLong("net"),
            rs.getString("currency"),
            rs.getString("description"),
            rs.getString("source"),
            Json.tree(rs.getString("fee_details")),
            now);
  }
}
