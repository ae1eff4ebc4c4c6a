package tally.disputes;

import tally.api.Ctx;
import tally.balance.Ledger;
import tally.balance.Movement;

/**
 * The money a chargeback moves (reference §7.4): the disputed amount and a 15.00 fee leave the
 * balance when it opens, available at once; a win returns the amount but not the fee.
 */
final class DisputeFunds {
  /** Stripe's US dispute fee, charged in the dispute's currency (no FX is modelled). */
  static final long FEE = 1500;

  private final Ledger ledger;

  DisputeFunds(Ledger ledger) {
    this.ledger = ledger;
  }

  void withdraw(
      Ctx ctx, String disputeId, String chargeId, long amount, String currency, String testClock) {
    ledger.record(
        ctx,
        new Movement(
            "adjustment",
            "dispute",
            -amount,
            FEE,
            "Dispute fee",
            currency,
            "Chargeback withdrawal for " + chargeId,
            disputeId,
            ctx.now(),
            testClock));
  }

  void reinstate(Ctx ctx, Dispute d) {
    ledger.record(
        ctx,
        new Movement(
            "adjustment",
            "dispute_reversal",
            d.amount(),
            0,
            null,
            d.currency(),
            "Chargeback reversal for " + d.charge(),
            d.id(),
            ctx.now(),
            d.testClock()));
  }
}
