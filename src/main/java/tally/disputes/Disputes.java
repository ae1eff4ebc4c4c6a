package tally.disputes;

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
    for (int i = 0; i < card.disputeCount(); i++) {
      String id = Ids.newId("du_");
      store.insert(
          ctx,
          new DisputeStore.NewDispute(
              id,
              charge.id(),
              charge.amountCaptured(),
              charge.currency(),
              card.disputeReason(),
              card.brand(),
              networkReasonCode(card),
              dueBy(ctx.now()),
              DisputeState.opened(card.disputeInquiry())));
      if (!card.disputeInquiry()) {
        funds.withdraw(ctx, id, charge.id(), charge.amountCaptured(), charge.currency());
      }
      ctx.emit("charge.dispute.created", retrieve(ctx, id));
      if (!card.disputeInquiry()) {
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
    if (f.paymentIntent() != null) {
      throw Errors.noSuch("payment_intent", f.paymentIntent(), "payment_intent");
    }
    if (f.charge() != null && charges.find(ctx, f.charge()).isEmpty()) {
      throw Errors.noSuch("charge", f.charge(), "charge");
    }
    return new ListQuery<>(DisputeStore.TABLE, "dispute", ctx.accountId(), store.mapper(ctx))
        .whereEquals("charge", f.charge())
        .page(ctx.db(), f.page(), "/v1/disputes");
  }

  /** Stages or submits evidence and merges metadata. */
  Dispute update(Ctx ctx, Dispute d, DisputeParams.Update p) {
    refuseIfClosed(d);
    Evidence evidence = d.state().evidence().merge(p.evidence());
    if (evidence.textLength() > Evidence.MAX_TEXT) {
      throw Errors.invalid(
          "evidence", "The combined character count of all evidence fields is limited to 150,000.");
    }
    DisputeState next = d.state().staged(evidence, p.metadata().applyTo(d.state().metadata()));
    if (p.submits()) {
      next = next.submitted(ctx.now() > d.dueBy(), ctx.now() + VERDICT_DELAY_SECONDS);
    }
    save(ctx, d, next);
    Dispute after = retrieve(ctx, d.id());
    ctx.emitUpdate("charge.dispute.updated", after, Changes.previous(d, after));
    return after;
  }

  /** Accepts the dispute: a chargeback is lost (its money stays withdrawn), an inquiry closes. */
  Dispute close(Ctx ctx, Dispute d) {
    refuseIfClosed(d);
    DisputeStatus next = d.state().status().conceded();
    save(ctx, d, d.state().movedTo(next, next == DisputeStatus.WARNING_CLOSED));
    Dispute after = retrieve(ctx, d.id());
    ctx.emit("charge.dispute.closed", after);
    return after;
  }

  /**
   * Applies test mode's verdict on submitted evidence once it is due; false if none was due (or the
   * dispute moved meanwhile).
   */
  public boolean resolve(Ctx ctx, String id) {
    Dispute d = store.find(ctx, id).orElse(null);
    if (d == null || d.state().resolveAt() == null || d.state().resolveAt() > ctx.now()) {
      return false;
    }
    TestVerdict verdict = TestVerdict.of(d.state());
    if (!store.save(ctx, d, verdict.applyTo(d.state()))) {
      return false;
    }
    switch (verdict) {
      case WON -> funds.reinstate(ctx, d);
      case ESCALATED -> funds.withdraw(ctx, d.id(), d.charge(), d.amount(), d.currency());
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

  private void save(Ctx ctx, Dispute d, DisputeState next) {
    if (!store.save(ctx, d, next)) {
      // Another request or the verdict job moved the dispute after we read it.
      refuseIfClosed(retrieve(ctx, d.id()));
      throw new ApiException(
          new ApiError.Conflict(
              "lock_timeout",
              "This object cannot be accessed right now because another API request or Stripe"
                  + " process is currently accessing it. If you see this error intermittently,"
                  + " retry the request."));
    }
  }

  private static void refuseIfClosed(Dispute d) {
    if (d.state().status().isClosed()) {
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
