package tally.charges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.balance.Fees;
import tally.balance.Ledger;
import tally.balance.Movement;
import tally.core.Ids;
import tally.core.Json;

/** Charges: create (with the test cards' outcomes), retrieve, update and list. */
public final class Charges {
  static final long AUTHORIZATION_SECONDS = 7 * 86_400;

  private final ChargeStore store = new ChargeStore();
  private final Ledger ledger;
  private final List<CaptureListener> captureListeners = new CopyOnWriteArrayList<>();
  private final CustomerCards customers;

  public Charges(Ledger ledger, CustomerCards customers) {
    this.ledger = ledger;
    this.customers = customers;
  }

  /** Registers a listener told about every capture (see {@link CaptureListener}). */
  public void onCapture(CaptureListener listener) {
    captureListeners.add(listener);
  }

  public Charge create(Ctx ctx, ChargeParams.Create p) {
    PaymentSource payment = resolveSource(ctx, p);
    TestCard card = payment.card();
    long now = ctx.now();
    String id = Ids.newId("ch_");
    String cardId = payment.cardId();
    Decline decline = card.decline();
    boolean succeeded = decline == null;
    boolean captured = succeeded && p.capture();
    Long captureBefore = succeeded && !p.capture() ? now + AUTHORIZATION_SECONDS : null;
    ObjectNode snapshot =
        CardSnapshot.build(
            ctx.accountId(),
            cardId,
            payment.token(),
            card,
            p.amount(),
            now,
            captureBefore,
            p.customer());
    String txn = null;
    if (captured) {
      txn =
          ledger.record(
              ctx,
              chargeMovement(
                  id,
                  p.amount(),
                  p.currency(),
                  p.description(),
                  Fees.availableOn(ctx, card.bypassPending())));
    }
    Charge charge =
        new Charge(
            id,
            now,
            ctx.account().livemode(),
            p.amount(),
            p.currency(),
            succeeded,
            succeeded ? "succeeded" : "failed",
            p.customer(),
            false,
            cardId,
            new Charge.Capture(captured, captured ? p.amount() : 0, txn, captureBefore),
            Charge.Refunds.NONE,
            new Charge.Details(
                p.description(),
                p.receiptEmail(),
                p.transferGroup(),
                p.metadata(),
                p.shipping(),
                Json.object()),
            new Charge.Descriptors(p.statementDescriptor(), p.statementDescriptorSuffix()),
            Charge.Failure.of(decline),
            snapshot);
    store.insert(ctx, charge);
    if (!succeeded) {
      ctx.emit("charge.failed", charge);
      throw new ApiException(
          new ApiError.CardError(
              decline.code(), decline.declineCode(), decline.param(), decline.message(), id),
          true);
    }
    ctx.emit("charge.succeeded", charge);
    return captured ? announceCapture(ctx, charge) : charge;
  }

  /** Tells the capture listeners about a charge just captured; returns it as they left it. */
  Charge announceCapture(Ctx ctx, Charge charge) {
    boolean changed = false;
    for (CaptureListener listener : captureListeners) {
      changed |= listener.captured(ctx, charge);
    }
    return changed ? retrieve(ctx, charge.id()) : charge;
  }

  /** The card a charge uses: a test token (a new card each time) or a card saved on a customer. */
  private record PaymentSource(TestCard card, String token, String cardId) {}

  private PaymentSource resolveSource(Ctx ctx, ChargeParams.Create p) {
    if (p.source() == null && p.customer() == null) {
      throw Errors.invalid("parameter_missing", null, "Must provide source or customer.");
    }
    if (p.customer() != null && !customers.exists(ctx, p.customer())) {
      throw Errors.noSuch("customer", p.customer(), "customer");
    }
    if (p.customer() != null && (p.source() == null || p.source().startsWith("card_"))) {
      CustomerCards.SavedCard saved =
          customers
              .card(ctx, p.customer(), p.source())
              .orElseThrow(() -> noCard(p.customer(), p.source()));
      return new PaymentSource(TestCards.byToken(saved.token()), saved.token(), saved.id());
    }
    TestCard card = TestCards.byToken(p.source());
    if (card == null) {
      throw Errors.noSuch("token", p.source(), "source");
    }
    return new PaymentSource(card, p.source(), Ids.newId("card_"));
  }

  private static ApiException noCard(String customer, String cardId) {
    if (cardId == null) {
      return new ApiException(
          new ApiError.CardError(
              "missing", null, "card", "Cannot charge a customer that has no active card", null));
    }
    return new ApiException(
        new ApiError.NotFound(
            "missing",
            "source",
            "Customer " + customer + " does not have a linked source with ID " + cardId + "."));
  }

  /**
   * A captured card charge: the captured amount in, its fee out; nothing for an uncaptured rest.
   */
  static Movement chargeMovement(
      String chargeId, long captured, String currency, String description, long availableOn) {
    return new Movement(
        "charge",
        "charge",
        captured,
        Fees.cardFee(captured),
        "Stripe processing fees",
        currency,
        description,
        chargeId,
        availableOn);
  }

  public Optional<Charge> find(Ctx ctx, String id) {
    return store.find(ctx, id);
  }

  public Charge retrieve(Ctx ctx, String id) {
    return store.get(ctx, id, "id");
  }

  public Charge update(Ctx ctx, String id, ChargeParams.Update p) {
    // Metadata merges read-modify-write, so the row is locked: no concurrent update is lost.
    var updated =
        store
            .update(ctx, id, c -> edits(ctx, c, p))
            .orElseThrow(() -> Errors.noSuch("charge", id, "charge"));
    return ctx.emitUpdate("charge.updated", updated);
  }

  /** The columns an update sets on charge {@code c} (as it is under the row lock). */
  private Map<String, Object> edits(Ctx ctx, Charge c, ChargeParams.Update p) {
    if (p.customer() != null && c.customer() != null && !p.customer().equals(c.customer())) {
      throw Errors.invalid(
          "customer", "Cannot change the customer of charge " + c.id() + ": it already has one.");
    }
    if (p.customer() != null && !customers.exists(ctx, p.customer())) {
      throw Errors.noSuch("customer", p.customer(), "customer");
    }
    Charge.Details d = c.details();
    ObjectNode fraud = d.fraudDetails().deepCopy();
    if (p.fraudUserReport() != null) {
      fraud.put("user_report", p.fraudUserReport());
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("customer", p.customer() != null ? p.customer() : c.customer());
    set.put("description", p.description().applyTo(d.description()));
    set.put("receipt_email", p.receiptEmail().applyTo(d.receiptEmail()));
    set.put("transfer_group", p.transferGroup().applyTo(d.transferGroup()));
    set.put("metadata", p.metadata().applyTo(d.metadata()));
    set.put("shipping", p.shipping().applyTo(d.shipping()));
    set.put("fraud_details", fraud);
    return set;
  }

  public ListPage list(Ctx ctx, ChargeParams.ListFilter f) {
    if (f.customer() != null && !customers.exists(ctx, f.customer())) {
      throw Errors.noSuch("customer", f.customer(), "customer");
    }
    if (f.paymentIntent() != null) {
      throw Errors.noSuch("payment_intent", f.paymentIntent(), "payment_intent");
    }
    return new ListQuery<>(
            ChargeStore.TABLE.name(), "charge", ctx.accountId(), ChargeStore.mapper(ctx))
        .whereEquals("transfer_group", f.transferGroup())
        .whereEquals("customer", f.customer())
        .page(ctx.db(), f.page(), "/v1/charges");
  }

  /** Marks a captured charge as disputed; it stays so for good, whatever the outcome. */
  public void markDisputed(Ctx ctx, String chargeId) {
    if (!store.markDisputed(ctx, chargeId)) {
      throw new IllegalStateException("charge " + chargeId + " is not captured");
    }
  }

  /** Adds a refund to the charge: the charge after it, or empty if it no longer covers it. */
  public Optional<Charge> applyRefund(Ctx ctx, String chargeId, long amount) {
    return store.addRefund(ctx, chargeId, amount);
  }

  /** Undoes {@link #applyRefund} for a refund that failed afterwards. */
  public void revertRefund(Ctx ctx, String chargeId, long amount) {
    store.revertRefund(ctx, chargeId, amount);
  }

  ChargeStore store() {
    return store;
  }

  Ledger ledger() {
    return ledger;
  }
}
