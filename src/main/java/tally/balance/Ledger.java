package tally.balance;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.core.Ids;
import tally.store.Table;

/**
 * The balance ledger: every money movement writes a balance transaction, in the same transaction as
 * the change that caused it. Other features record through {@link #record}.
 */
public final class Ledger {
  public static final String TABLE = "balance_transactions";
  static final Table<BalanceTransaction> TRANSACTIONS = Table.of(TABLE, BalanceTransaction.class);

  /** Writes the movement (one INSERT: it is on every charge's path); returns its id. */
  public String record(Ctx ctx, Movement m) {
    String id = Ids.newId("txn_");
    List<BalanceTransaction.FeeDetail> fees =
        m.fee() == 0
            ? List.of()
            : List.of(
                new BalanceTransaction.FeeDetail(
                    m.fee(), null, m.currency(), m.feeDescription(), "stripe_fee"));
    TRANSACTIONS.insert(
        ctx,
        new BalanceTransaction(
            id,
            ctx.now(),
            m.availableOn(),
            m.type(),
            m.reportingCategory(),
            m.amount(),
            m.fee(),
            m.amount() - m.fee(),
            m.currency(),
            m.description(),
            m.source(),
            fees,
            m.testClock(),
            false,
            ctx.now()));
    return id;
  }

  public Optional<BalanceTransaction> find(Ctx ctx, String id) {
    return TRANSACTIONS.find(ctx, id).map(t -> t.at(ctx.now()));
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

  /**
   * Whether a row's funds are available at {@code :now}, in SQL: by the running clock, or for a row
   * on a test clock once that clock passed its {@code available_on} (see BalanceTransaction).
   */
  static final String AVAILABLE =
      "((test_clock IS NULL AND available_on <= :now) OR (test_clock IS NOT NULL AND (announced ="
          + " TRUE OR available_on <= created)))";

  /** Rows as seen at {@code now} (their status depends on it). */
  public static RowMapper<BalanceTransaction> mapper(long now) {
    RowMapper<BalanceTransaction> rows = TRANSACTIONS.mapper();
    return (rs, c) -> rows.map(rs, c).at(now);
  }
}
