package tally.refunds;

import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.balance.Ledger;
import tally.balance.Movement;
import tally.charges.Charge;
import tally.charges.Charges;
import tally.charges.TestCards;
import tally.core.Money;

/**
 * Refunds of charges, behind every refund path. The refundable remainder is enforced by the charges
 * store's guarded update, so concurrent refunds can never return more than was paid.
 */
public final class Refunds {
  /** How long a test card's refund stays pending (or succeeded, before failing) on the clock. */
  static final long SETTLE_SECONDS = 60;

  /** A rule another feature adds before any refund (disputes refuse charged-back charges). */
  @FunctionalInterface
  public interface Guard {
    void check(Ctx ctx, Charge charge);
  }

  private final Charges charges;
  private final Ledger ledger;
  private final RefundRecords records;
  private final List<Guard> guards = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Refunds(Charges charges, Ledger ledger, RefundRecords records) {
    this.charges = charges;
    this.ledger = ledger;
    this.records = records;
  }

  public void addGuard(Guard guard) {
    guards.add(guard);
  }

  /** {@code POST /v1/refunds}: the charge named in the body (unknown → 404 with param id). */
  Refund createFromBody(Ctx ctx, RefundParams.Create p) {
    if (p.charge() == null && p.paymentIntent() == null) {
      throw Errors.invalid(
          null,
          "One of the following params should be provided for this request: payment_intent or"
              + " charge.");
    }
    Charge charge =
        p.charge() == null
            ? charges
                .paidForIntent(ctx, p.paymentIntent())
                .orElseThrow(
                    () -> Errors.noSuch("payment_intent", p.paymentIntent(), "payment_intent"))
            : charges
                .find(ctx, p.charge())
                .orElseThrow(() -> Errors.noSuch("charge", p.charge(), "id"));
    return create(ctx, charge, p);
  }

  /** The charge-scoped paths: the charge comes from the URL. */
  Refund createForCharge(Ctx ctx, String chargeId, RefundParams.Create p) {
    return create(ctx, charges.retrieve(ctx, chargeId), p);
  }

  private Refund create(Ctx requestCtx, Charge charge, RefundParams.Create p) {
    // A refund of a charge on a test clock is made, and settles, on the clock's time.
    Ctx ctx = requestCtx.onTestClock(charge.testClock());
    refuseIfNotRefundable(charge);
    guards.forEach(g -> g.check(ctx, charge));
    long amount = p.amount() == null ? charge.refundable() : p.amount();
    if (!charge.captured() && amount != charge.amount()) {
      throw Errors.invalid(
          "amount",
          "You cannot partially refund an uncaptured charge. Instead, capture the charge for an"
              + " amount less than the original amount");
    }
    if (amount > charge.refundable()) {
      throw overRefund(charge, amount);
    }
    String behavior = charge.captured() ? TestCards.of(charge).refundBehavior() : null;
    boolean pending = "pending".equals(behavior);
    Charge refunded = null; // the charge after the refund, once money moved
    if (!pending) {
      refunded =
          charges
              .applyRefund(ctx, charge.id(), amount)
              // Another refund took the remainder after we read the charge.
              .orElseThrow(() -> overRefund(charges.retrieve(ctx, charge.id()), amount));
    }
    String id = records.newId();
    String txn =
        pending || !charge.captured()
            ? null
            : ledger.record(ctx, movement(ctx, charge, id, -amount, "refund"));
    Refund refund =
        records.insert(
            ctx,
            id,
            newRefund(
                charge,
                amount,
                pending ? RefundStatus.PENDING : RefundStatus.SUCCEEDED,
                p.reason(),
                txn,
                p.instructionsEmail(),
                p.metadata()));
    if (behavior != null) {
      records.scheduleOutcome(ctx, id, ctx.now() + SETTLE_SECONDS, pending ? "succeed" : "fail");
    }
    ctx.emit("refund.created", refund);
    if (refunded != null) {
      ctx.emit("charge.refunded", refunded);
    }
    return refund;
  }

  private static void refuseIfNotRefundable(Charge charge) {
    if (!"succeeded".equals(charge.status())) {
      throw Errors.invalid(
          null, "This charge (" + charge.id() + ") does not have a successful payment to refund.");
    }
    if (charge.refunded()) {
      throw Errors.invalid(
          "charge_already_refunded", null, "Charge " + charge.id() + " has already been refunded.");
    }
  }

  private static RuntimeException overRefund(Charge charge, long amount) {
    if (charge.refundable() <= 0) {
      return Errors.invalid(
          "charge_already_refunded", null, "Charge " + charge.id() + " has already been refunded.");
    }
    return Errors.invalid(
        "amount",
        "Refund amount ("
            + Money.format(amount, charge.currency())
            + ") is greater than unrefunded amount on charge ("
            + Money.format(charge.refundable(), charge.currency())
            + ")");
  }

  private static Movement movement(
      Ctx ctx, Charge charge, String refundId, long amount, String type) {
    return new Movement(
        type,
        type,
        amount,
        0,
        null,
        charge.currency(),
        "REFUND FOR CHARGE (" + (charge.description() == null ? "" : charge.description()) + ")",
        refundId,
        ctx.now(),
        charge.testClock());
  }

  /** Legacy {@code POST /v1/charges/{charge}/refund}: refunds, then answers with the charge. */
  Charge refundAndReturnCharge(Ctx ctx, String chargeId, RefundParams.Create p) {
    createForCharge(ctx, chargeId, p);
    return charges.retrieve(ctx, chargeId);
  }

  Refund retrieve(Ctx ctx, String id) {
    return records.find(ctx, id).orElseThrow(() -> Errors.noSuch("refund", id, "refund"));
  }

  /** A refund seen through its charge's path: one of another charge does not exist there. */
  Refund retrieveForCharge(Ctx ctx, String chargeId, String id) {
    charges.retrieve(ctx, chargeId);
    Refund refund = retrieve(ctx, id);
    if (!refund.charge().equals(chargeId)) {
      throw Errors.noSuch("refund", id, "refund");
    }
    return refund;
  }

  Refund update(Ctx ctx, Refund refund, RefundParams.Update p) {
    var updated =
        RefundRecords.TABLE
            .update(
                ctx,
                refund.id(),
                locked -> Map.of("metadata", p.metadata().applyTo(locked.metadata())))
            .orElseThrow(() -> Errors.noSuch("refund", refund.id(), "refund"));
    return announceUpdate(ctx, updated.before(), updated.after());
  }

  /** refund.updated (and its deprecated twin charge.refund.updated) with what changed. */
  private Refund announceUpdate(Ctx ctx, Refund before, Refund after) {
    var previous = Changes.previous(before, after);
    ctx.emitUpdate("refund.updated", after, previous);
    ctx.emitUpdate("charge.refund.updated", after, previous);
    return after;
  }

  Refund cancel(Ctx ctx, String id) {
    Refund refund = retrieve(ctx, id);
    Refund canceled =
        records
            .transition(
                ctx, id, RefundStatus.PENDING, RefundStatus.CANCELED, "merchant_request", null)
            .orElseThrow(() -> Errors.invalid(null, "Canceling this refund is unsupported."));
    return announceUpdate(ctx, refund, canceled);
  }

  ListPage list(Ctx ctx, RefundParams.ListFilter f, String url) {
    charges.requireIntent(ctx, f.paymentIntent());
    if (f.charge() != null) {
      charges
          .find(ctx, f.charge())
          .orElseThrow(() -> Errors.noSuch("charge", f.charge(), "charge"));
    }
    return new ListQuery<>("refunds", "refund", ctx.accountId(), RefundRecords.TABLE.mapper())
        .whereEquals("charge", f.charge())
        .whereEquals("payment_intent", f.paymentIntent())
        .page(ctx.db(), f.page(), url);
  }

  /** The includable {@code refunds} list of a charge (up to ten, newest first). */
  ApiObject refundsOf(Ctx ctx, String chargeId) {
    return list(
        ctx,
        new RefundParams.ListFilter(
            new tally.api.ListParams(10, null, null, tally.api.ListParams.Range.ANY),
            chargeId,
            null),
        "/v1/charges/" + chargeId + "/refunds");
  }

  /**
   * Finishes a test card's refund: a pending one succeeds (and now moves the money); a refund of
   * {@code tok_refundFail} fails, and its money comes back with a {@code refund_failure} entry.
   */
  public boolean settle(Ctx job, String id) {
    Refund refund = retrieve(job, id);
    Ctx ctx = job.atDue(refund.dueAt());
    String outcome = refund.pendingOutcome();
    Charge charge = charges.retrieve(ctx, refund.charge());
    if ("succeed".equals(outcome) && refund.status() == RefundStatus.PENDING) {
      Charge refunded = charges.applyRefund(ctx, charge.id(), refund.amount()).orElse(null);
      if (refunded == null) {
        return records
            .transition(ctx, id, RefundStatus.PENDING, RefundStatus.FAILED, "unknown", null)
            .isPresent();
      }
      String txn = ledger.record(ctx, movement(ctx, charge, id, -refund.amount(), "refund"));
      records.setBalanceTransaction(ctx, id, txn);
      Refund done =
          records
              .transition(ctx, id, RefundStatus.PENDING, RefundStatus.SUCCEEDED, null, null)
              .orElse(null);
      if (done == null) {
        return false;
      }
      announceUpdate(ctx, refund, done);
      ctx.emit("charge.refunded", refunded);
      return true;
    }
    if ("fail".equals(outcome) && refund.status() == RefundStatus.SUCCEEDED) {
      String txn = ledger.record(ctx, movement(ctx, charge, id, refund.amount(), "refund_failure"));
      Refund failed =
          records
              .transition(
                  ctx,
                  id,
                  RefundStatus.SUCCEEDED,
                  RefundStatus.FAILED,
                  "expired_or_canceled_card",
                  txn)
              .orElse(null);
      if (failed == null) {
        return false;
      }
      charges.revertRefund(ctx, charge.id(), refund.amount());
      announceUpdate(ctx, refund, failed);
      ctx.emit("refund.failed", failed);
      return true;
    }
    records.clearOutcome(ctx, id);
    return true;
  }

  /** A refund of {@code charge}: its customer, payment method and currency come from it. */
  private static RefundRecords.NewRefund newRefund(
      Charge charge,
      long amount,
      RefundStatus status,
      String reason,
      String txn,
      String instructionsEmail,
      Map<String, String> metadata) {
    return new RefundRecords.NewRefund(
        charge.id(),
        charge.customer(),
        charge.paymentMethod(),
        charge.paymentIntent(),
        amount,
        charge.currency(),
        status,
        reason,
        txn,
        instructionsEmail,
        metadata,
        charge.testClock());
  }
}
