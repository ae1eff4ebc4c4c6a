package tally.disputes;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Ctx;
import tally.balance.Ledger;
import tally.core.ObjectSchema;
import tally.store.Table;

/**
 * The disputes table. Status moves are guarded ({@code … AND status = from}), and evidence and
 * metadata merges are made under the row lock, so two requests (or a request and the resolution
 * job) cannot both move the same dispute or lose each other's writes.
 */
final class DisputeStore {
  static final Table<Dispute> TABLE = Table.of("disputes", Dispute.class);

  private final Ledger ledger;

  DisputeStore(Ledger ledger) {
    this.ledger = ledger;
  }

  void insert(Ctx ctx, Dispute d) {
    TABLE.insert(ctx, d);
  }

  Optional<Dispute> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id).map(d -> withLedger(ctx, d));
  }

  /** The dispute, locked until the transaction ends (a verdict reads the evidence as it is). */
  Optional<Dispute> findForUpdate(Ctx ctx, String id) {
    return TABLE.findForUpdate(ctx, id).map(d -> withLedger(ctx, d));
  }

  /** The charge's most recent dispute (a charge can have several). */
  Optional<Dispute> latestForCharge(Ctx ctx, String chargeId) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM disputes WHERE account_id = ? AND charge = ? ORDER BY seq DESC LIMIT 1")
        .bind(0, ctx.accountId())
        .bind(1, chargeId)
        .map(mapper(ctx))
        .findOne();
  }

  boolean anyUnrefundable(Ctx ctx, String chargeId) {
    return ctx.db()
            .createQuery(
                "SELECT COUNT(*) FROM disputes WHERE account_id = ? AND charge = ? AND"
                    + " is_charge_refundable = FALSE")
            .bind(0, ctx.accountId())
            .bind(1, chargeId)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /**
   * Moves {@code d} to {@code to} and sets {@code changes}, only while it is still in the status it
   * was read in; empty if it moved meanwhile.
   */
  Optional<Dispute> transition(Ctx ctx, Dispute d, DisputeStatus to, Map<String, ?> changes) {
    return TABLE
        .transition(ctx, d.id(), d.status(), to, changes)
        .map(after -> withLedger(ctx, after));
  }

  /** Read-modify-write under the row lock: {@code change} sees the locked dispute. */
  Optional<Table.Updated<Dispute>> update(
      Ctx ctx, String id, Function<Dispute, Map<String, ?>> change) {
    return TABLE
        .update(ctx, id, change)
        .map(u -> {
          Dispute before = withLedger(ctx, u.before());
          return new Table.Updated<>(before, with(u.after(), before.balanceTransactions()));
        });
  }

  /** Rows to disputes, each with its balance transactions from the ledger. */
  RowMapper<Dispute> mapper(Ctx ctx) {
    RowMapper<Dispute> rows = TABLE.mapper();
    return (rs, c) -> withLedger(ctx, rows.map(rs, c));
  }

  private Dispute withLedger(Ctx ctx, Dispute d) {
    return with(d, ledger.forSource(ctx, d.id()));
  }

  private static Dispute with(Dispute d, Object balanceTransactions) {
    return ObjectSchema.of(Dispute.class)
        .with(d, Map.of("balance_transactions", balanceTransactions));
  }
}
