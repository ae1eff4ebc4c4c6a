package tally.refunds;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tally.api.Ctx;
import tally.core.Ids;
import tally.store.Table;

/** The refunds table: refund rows are written only here. */
public final class RefundRecords {
  static final Table<Refund> TABLE = Table.of("refunds", Refund.class);

  /** What a new refund row holds; the id and creation time are assigned here. */
  public record NewRefund(
      String charge,
      String customer,
      String paymentMethod,
      String paymentIntent,
      long amount,
      String currency,
      RefundStatus status,
      String reason,
      String balanceTransaction,
      String instructionsEmail,
      Map<String, String> metadata,
      String testClock) {}

  public String newId() {
    return Ids.newId("re_");
  }

  public Refund insert(Ctx ctx, String id, NewRefund r) {
    return TABLE.insert(
        ctx,
        new Refund(
            id,
            ctx.now(),
            r.charge(),
            r.amount(),
            r.currency(),
            r.status(),
            r.reason(),
            r.balanceTransaction(),
            null,
            null,
            r.instructionsEmail(),
            r.customer(),
            r.paymentMethod(),
            r.paymentIntent(),
            r.metadata(),
            null,
            null,
            r.testClock()));
  }

  /**
   * Arranges for a test card's refund to settle ({@code succeed} or {@code fail}) at {@code dueAt}.
   */
  void scheduleOutcome(Ctx ctx, String id, long dueAt, String outcome) {
    TABLE.set(ctx, id, Map.of("due_at", dueAt, "pending_outcome", outcome));
  }

  /**
   * Moves a refund from {@code from} to {@code to}, ending any scheduled outcome; empty if it was
   * no longer in {@code from}.
   */
  Optional<Refund> transition(
      Ctx ctx,
      String id,
      RefundStatus from,
      RefundStatus to,
      String failureReason,
      String failureTxn) {
    Map<String, Object> also = new HashMap<>();
    also.put("due_at", null);
    also.put("pending_outcome", null);
    if (failureReason != null) {
      also.put("failure_reason", failureReason);
    }
    if (failureTxn != null) {
      also.put("failure_balance_transaction", failureTxn);
    }
    return TABLE.transition(ctx, id, from, to, also);
  }

  /** Drops a scheduled outcome that no longer applies. */
  void clearOutcome(Ctx ctx, String id) {
    Map<String, Object> none = new HashMap<>();
    none.put("due_at", null);
    none.put("pending_outcome", null);
    TABLE.set(ctx, id, none);
  }

  void setBalanceTransaction(Ctx ctx, String id, String txn) {
    TABLE.set(ctx, id, Map.of("balance_transaction", txn));
  }

  public Optional<Refund> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }
}
