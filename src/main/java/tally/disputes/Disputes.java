package tally.disputes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.balance.Ledger;
import tally.charges.Charge;
import tally.charges.Charges;
import tally.charges.TestCard;
import tally.charges.TestCards;
import tally.core.Ids;

/**
 * Disputes: opened by the dispute test cards when their funds are captured, answered with evidence,
 * conceded by closing, and decided in test mode by the evidence's magic text a few seconds after
 * submission. Other features ask {@link #blocksRefund} before refunding a charge.
 */
public final class Disputes {
  /** Live test mode decides submitted evidence about five seconds later. */
  static final long VERDICT_DELAY_SECONDS = 5;

  private final Charges charges;
  private final DisputeStore store;
  private final DisputeFunds funds;

  public Disputes(Charges charges, Ledger ledger) {
    this.charges = charges;
    this.store = new DisputeStore(ledger);
    this.funds = new DisputeFunds(ledger);
  }

  /**
   * Opens the disputes a dispute test card calls for, for the captured amount; a chargeback
   * withdraws the funds at once, an inquiry moves no money. Register as the charges' capture
   * listener.
   */
  public boolean open(Ctx ctx, Charge charge) {
    TestCard card = TestCards.of(charge);
    if (card.disputeReason() == null) {
      return false;
    }
    boolean inquiry = card.disputeInquiry();
    for (int i = 0; i < card.disputeCount(); i++) {
      String id = Ids.newId("du_");
      store.insert(
          ctx,
          new Dispute(
              id,
              ctx.now(),
              ctx.account().livemode(),
              charge.id(),
              charge.paymentIntent(),
              charge.amountCaptured(),
              charge.currency(),
              card.disputeReason(),
              inquiry ? DisputeStatus.WARNING_NEEDS_RESPONSE : DisputeStatus.NEEDS_RESPONSE,
              inquiry,
              Evidence.NONE,
              new Dispute.EvidenceDetails(dueBy(ctx.now()), false, false, 0),
              new Dispute.PaymentMethodDetails(
                  new Dispute.Card(
                      card.brand(), inquiry ? "inquiry" : "chargeback", networkReasonCode(card))),
              Map.of(),
              null,
              charge.testClock(),
              List.of()));
      if (!inquiry) {
        funds.withdraw(
            ctx, id, charge.id(), charge.amountCaptured(), charge.currency(), charge.testClock());
      }
      ctx.emit("charge.dispute.created", retrieve(ctx, id));
      if (!inquiry) {
        ctx.emit("charge.dispute.funds_withdrawn", retrieve(ctx, id));
      }
    }
    charges.markDisputed(ctx, charge.id());
    return true;
  }

  /** True while a dispute keeps the charge from being refunded: an open or lost chargeback. */
  public boolean blocksRefund(Ctx ctx, String chargeId) {
    return store.anyUnrefundable(ctx, chargeId);
  }

  /** Stripe's refusal for a refund of a charged-back charge, if {@link #blocksRefund} says so. */
  public void refuseRefundIfDisputed(Ctx ctx, String chargeId) {
    if (blocksRefund(ctx, chargeId)) {
      throw Errors.invalid(
          "charge_disputed",
          null,
          "Charge " + chargeId + " has been charged back; cannot issue a refund.");
    }
  }

  Optional<Dispute> find(Ctx ctx, String id) {
    return store.find(ctx, id);
  }

  Dispute retrieve(Ctx ctx, String id) {
    return store.find(ctx, id).orElseThrow(() -> Errors.noSuch("dispute", id, "dispute"));
  }

  /** The charge's dispute (its latest, if it has several), for the charge-scoped routes. */
  Dispute forCharge(Ctx ctx, String chargeId) {
    charges.retrieve(ctx, chargeId);
    return store
        .latestForCharge(ctx, chargeId)
        .orElseThrow(() ->
            new ApiException(
                new ApiError.NotFound(null, null, "No dispute for charge: " + chargeId)));
  }

  ListPage list(Ctx ctx, DisputeParams.ListFilter f) {
    charges.requireIntent(ctx, f.paymentIntent());
    if (f.charge() != null && charges.find(ctx, f.charge()).isEmpty()) {
      throw Errors.noSuch("charge", f.charge(), "charge");
    }
    return new ListQuery<>(DisputeStore.TABLE.name(), "dispute", ctx.accountId(), store.mapper(ctx))
        .whereEquals("charge", f.charge())
        .whereEquals("payment_intent", f.paymentIntent())
        .page(ctx.db(), f.page(), "/v1/disputes");
  }

  /**
   * Stages evidence and merges metadata under the row lock, then, if the request submits, moves the
   * dispute under review.
   */
  Dispute update(Ctx requestCtx, Dispute located, DisputeParams.Update p) {
    // Evidence on a test clock's dispute is submitted, and decided, on the clock's time.
    Ctx ctx = requestCtx.onTestClock(located.testClock());
    refuseIfClosed(located);
    var staged =
        store
            .update(ctx, located.id(), d -> staged(d, p))
            .orElseThrow(() -> Errors.noSuch("dispute", located.id(), "dispute"));
    Dispute after = staged.after();
    if (p.submits()) {
      after =
          move(
              ctx,
              after,
              after.status().submitted(),
              Map.of(
                  "evidence_details",
                  after.evidenceDetails().submitted(ctx.now()),
                  "resolve_at",
                  ctx.now() + VERDICT_DELAY_SECONDS));
    }
    ctx.emitUpdate("charge.dispute.updated", after, Changes.previous(staged.before(), after));
    return after;
  }

  /** The evidence and metadata of the locked dispute {@code d} after this update. */
  private static Map<String, ?> staged(Dispute d, DisputeParams.Update p) {
    refuseIfClosed(d);
    Evidence evidence = d.evidence().merge(p.evidence());
    if (evidence.textLength() > Evidence.MAX_TEXT) {
      throw Errors.invalid(
          "evidence", "The combined character count of all evidence fields is limited to 150,000.");
    }
    return Map.of(
        "evidence", evidence,
        "evidence_details", d.evidenceDetails().staged(!evidence.isEmpty()),
        "metadata", p.metadata().applyTo(d.metadata()));
  }

  /** Accepts the dispute: a chargeback is lost (its money stays withdrawn), an inquiry closes. */
  Dispute close(Ctx requestCtx, Dispute d) {
    Ctx ctx = requestCtx.onTestClock(d.testClock());
    refuseIfClosed(d);
    DisputeStatus next = d.status().conceded();
    Dispute after = move(ctx, d, next, d.movingTo(next, next == DisputeStatus.WARNING_CLOSED));
    ctx.emit("charge.dispute.closed", after);
    return after;
  }

  /**
   * Applies test mode's verdict on submitted evidence once it is due; false if none was due (or the
   * dispute moved meanwhile).
   */
  public boolean resolve(Ctx job, String id) {
    Dispute d = store.findForUpdate(job, id).orElse(null);
    if (d == null || d.resolveAt() == null || d.resolveAt() > job.now()) {
      return false;
    }
    Ctx ctx = job.atDue(d.resolveAt());
    TestVerdict verdict = TestVerdict.of(d);
    if (store.transition(ctx, d, verdict.next(d), verdict.changes(d)).isEmpty()) {
      return false;
    }
    switch (verdict) {
      case WON -> funds.reinstate(ctx, d);
      case ESCALATED ->
          funds.withdraw(ctx, d.id(), d.charge(), d.amount(), d.currency(), d.testClock());
      case LOST, INQUIRY_CLOSED, UNDECIDED -> {}
    }
    Dispute after = retrieve(ctx, id);
    ctx.emitUpdate("charge.dispute.updated", after, Changes.previous(d, after));
    switch (verdict) {
      case WON -> {
        ctx.emit("charge.dispute.funds_reinstated", after);
        ctx.emit("charge.dispute.closed", after);
      }
      case ESCALATED -> ctx.emit("charge.dispute.funds_withdrawn", after);
      case LOST, INQUIRY_CLOSED -> ctx.emit("charge.dispute.closed", after);
      case UNDECIDED -> {}
    }
    return true;
  }

  /** Moves {@code d} to {@code to}, guarded by the status it was read in. */
  private Dispute move(Ctx ctx, Dispute d, DisputeStatus to, Map<String, ?> changes) {
    return store
        .transition(ctx, d, to, changes)
        .orElseThrow(() -> {
          // Another request or the verdict job moved the dispute after we read it.
          refuseIfClosed(retrieve(ctx, d.id()));
          return new ApiException(
              new ApiError.Conflict(
                  "lock_timeout",
                  "This object cannot be accessed right now because another API request or Stripe"
                      + " process is currently accessing it. If you see this error intermittently,"
                      + " retry the request."));
        });
  }

  private static void refuseIfClosed(Dispute d) {
    if (d.status().isClosed()) {
      throw Errors.invalid(null, "This dispute is already closed");
    }
  }

  /** Evidence is due by the end of the UTC day eight days after the dispute opened. */
  static long dueBy(long created) {
    return (created / 86_400 + 9) * 86_400 - 1;
  }

  /** Visa's reason codes for the test disputes: 10.4 fraud, 13.1 not received, 10 inquiry. */
  private static String networkReasonCode(TestCard card) {
    if (!card.brand().equals("visa")) {
      return null;
    }
    if (card.disputeInquiry()) {
      return "10";
    }
    return card.disputeReason().equals("product_not_received") ? "13.1" : "10.4";
  }
}
