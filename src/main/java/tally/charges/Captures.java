package tally.charges;

import tally.api.Ctx;
import tally.api.Errors;
import tally.balance.Fees;
import tally.balance.Ledger;
import tally.core.Money;

/**
 * Capturing authorized charges, and releasing those left uncaptured for seven days. A partial
 * capture releases the rest as a refund, as Stripe does.
 */
public final class Captures {
  private final Charges charges;
  private final Ledger ledger;
  private final java.util.List<ReleaseListener> releases =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public Captures(Charges charges, Ledger ledger) {
    this.charges = charges;
    this.ledger = ledger;
  }

  /** The feature that records released amounts (refunds) hooks in here. */
  public void onRelease(ReleaseListener listener) {
    releases.add(listener);
  }

  public Charge capture(Ctx ctx, String id, ChargeParams.Capture p) {
    Charge c = charges.retrieve(ctx, id);
    refuseIfNotCapturable(ctx, c);
    long amount = p.amount() == null ? c.amount() : p.amount();
    if (amount > c.amount()) {
      throw Errors.invalid(
          "amount_too_large",
          "amount",
          "You cannot capture more than the authorized amount of "
              + Money.format(c.amount(), c.currency())
              + ".");
    }
    if (amount < Money.minimum(c.currency())) {
      throw Errors.invalid(
          "amount_too_small",
          "amount",
          "Amount must be at least "
              + Money.format(Money.minimum(c.currency()), c.currency())
              + " "
              + c.currency());
    }
    boolean immediately = TestCards.of(c).bypassPending();
    String txn =
        ledger.record(
            ctx,
            Charges.chargeMovement(
                c.id(),
                c.amount(),
                amount,
                c.currency(),
                c.description(),
                Fees.availableOn(ctx, immediately)));
    Charge captured =
        charges
            .store()
            .capture(ctx, c.id(), amount, txn, p)
            .orElseThrow(() -> {
              // Another request changed the charge after we read it; report what it is now.
              refuseIfNotCapturable(ctx, charges.retrieve(ctx, id));
              return Errors.invalid(
                  "charge_already_captured", null, "Charge " + id + " has already been captured.");
            });
    long remainder = c.amount() - amount;
    if (remainder > 0) {
      // Releasing records a refund of the remainder; the charge row is already as captured.
      release(ctx, c, remainder, null, "partial_capture_reversal", immediately);
    }
    ctx.emit("charge.captured", captured);
    return charges.announceCapture(ctx, captured);
  }

  private static void refuseIfNotCapturable(Ctx ctx, Charge c) {
    if (c.captured()) {
      throw Errors.invalid(
          "charge_already_captured", null, "Charge " + c.id() + " has already been captured.");
    }
    if (c.refunded()) {
      throw Errors.invalid(
          "charge_already_refunded", null, "Charge " + c.id() + " has already been refunded.");
    }
    if (!"succeeded".equals(c.status())) {
      throw Errors.invalid(
          null, "Charge " + c.id() + " cannot be captured because it has " + c.status() + ".");
    }
    Long captureBefore = c.capture().captureBefore();
    if (captureBefore != null && captureBefore <= ctx.now()) {
      throw Errors.invalid(
          "charge_expired_for_capture",
          null,
          "Charge "
              + c.id()
              + " cannot be captured because the charge has expired (a charge must be captured"
              + " within 7 days). You will need to create a new charge to retry the payment.");
    }
  }

  /**
   * Releases an authorization that was not captured within seven days: the whole amount is refunded
   * with reason {@code expired_uncaptured_charge}. Returns false if it was not due.
   */
  public boolean expire(Ctx ctx, String id) {
    Charge c = charges.retrieve(ctx, id);
    Long captureBefore = c.capture().captureBefore();
    if (c.captured() || c.refunded() || captureBefore == null || captureBefore > ctx.now()) {
      return false;
    }
    Charge expired = charges.applyRefund(ctx, id, c.amount()).orElse(null);
    if (expired == null) {
      return false;
    }
    for (ReleaseListener l : releases) {
      l.released(ctx, c, c.amount(), "expired_uncaptured_charge", null, ctx.now());
    }
    ctx.emit("charge.expired", expired);
    ctx.emit("charge.refunded", expired);
    return true;
  }

  /** Releases the authorization of a charge whose PaymentIntent was canceled before capture. */
  public void cancelAuthorization(Ctx ctx, String id) {
    Charge c = charges.retrieve(ctx, id);
    if (c.captured() || c.refunded()) {
      return;
    }
    Charge released = charges.applyRefund(ctx, id, c.amount()).orElse(null);
    if (released == null) {
      return;
    }
    for (ReleaseListener l : releases) {
      l.released(ctx, c, c.amount(), null, null, ctx.now());
    }
    ctx.emit("charge.refunded", released);
  }

  private void release(
      Ctx ctx, Charge c, long amount, String reason, String category, boolean immediately) {
    long availableOn = Fees.availableOn(ctx, immediately);
    for (ReleaseListener l : releases) {
      l.released(ctx, c, amount, reason, category, availableOn);
    }
  }
}
