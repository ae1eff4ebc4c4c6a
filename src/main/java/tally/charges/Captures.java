package tally.charges;

import tally.api.Ctx;
import tally.api.Errors;
import tally.balance.Fees;
import tally.balance.Ledger;
import tally.core.Money;

/**
 * Capturing authorized charges, and expiring those left uncaptured for seven days. Since API
 * 2025-03-31.basil neither a partial capture nor an expiry creates a refund: the uncaptured rest is
 * simply released, with no Refund object and no balance transaction.
 */
public final class Captures {
  private final Charges charges;
  private final Ledger ledger;
  private final java.util.List<java.util.function.BiConsumer<Ctx, Charge>> expiryListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public Captures(Charges charges, Ledger ledger) {
    this.charges = charges;
    this.ledger = ledger;
  }

  public Charge capture(Ctx requestCtx, String id, ChargeParams.Capture p) {
    Charge c = charges.retrieve(requestCtx, id);
    // A charge on a test clock is captured on the clock's time (its deadline is in clock time).
    Ctx ctx = requestCtx.onTestClock(c.testClock());
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
                amount,
                c.currency(),
                c.description(),
                Fees.availableOn(ctx, immediately),
                c.testClock()));
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
   * Expires an authorization that was not captured within seven days: the charge stays uncaptured
   * and unrefunded, and only {@code charge.expired} is sent. Returns false if it was not due.
   */
  public boolean expire(Ctx job, String id) {
    return charges
        .store()
        .expire(job, id)
        .map(expired -> {
          Ctx ctx = job.atDue(expired.capture().captureBefore());
          ctx.emit("charge.expired", expired);
          expiryListeners.forEach(l -> l.accept(ctx, expired));
          return true;
        })
        .orElse(false);
  }

  /**
   * Registers a listener told, in the expiring transaction, about each authorization that expired
   * uncaptured (payments cancels the charge's PaymentIntent).
   */
  public void onExpiry(java.util.function.BiConsumer<Ctx, Charge> listener) {
    expiryListeners.add(listener);
  }

  /**
   * Raises an uncaptured charge's authorization to {@code amount} (its PaymentIntent's incremental
   * authorization): the charge's amount and {@code amount_authorized} follow.
   */
  public void incrementAuthorization(Ctx ctx, String id, long amount) {
    charges
        .store()
        .update(
            ctx,
            id,
            c -> {
              refuseIfNotCapturable(ctx, c);
              com.fasterxml.jackson.databind.node.ObjectNode card = c.card().deepCopy();
              com.fasterxml.jackson.databind.JsonNode details =
                  card.path("payment_method_details").path("card");
              if (details instanceof com.fasterxml.jackson.databind.node.ObjectNode d) {
                d.put("amount_authorized", amount);
                d.set(
                    "incremental_authorization",
                    tally.core.Json.object().put("status", "available"));
              }
              return java.util.Map.of("amount", amount, "card", card);
            })
        .orElseThrow(() -> Errors.noSuch("charge", id, "charge"));
  }

  /**
   * Releases the authorization of a charge whose PaymentIntent was canceled before capture: as with
   * expiry, no Refund since 2025-03-31.basil, and the charge can no longer be captured.
   */
  public void cancelAuthorization(Ctx ctx, String id) {
    charges.store().endAuthorization(ctx, id);
  }
}
