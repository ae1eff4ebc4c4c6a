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
    Charge charge =
        record(
            ctx,
            new Attempt(
                null,
                payment.cardId(),
                payment.token(),
                true,
                p.amount(),
                p.currency(),
                p.customer(),
                p.capture(),
                new Charge.Details(
                    p.description(),
                    p.receiptEmail(),
                    p.transferGroup(),
                    p.metadata(),
                    p.shipping(),
                    Json.object()),
                new Charge.Descriptors(p.statementDescriptor(), p.statementDescriptorSuffix())));
    if (!charge.paid()) {
      Decline decline = TestCards.of(charge).decline();
      throw new ApiException(
          new ApiError.CardError(
              decline.code(),
              decline.declineCode(),
              decline.param(),
              decline.message(),
              charge.id()),
          true);
    }
    return charge;
  }

  /**
   * A card payment a PaymentIntent makes with its PaymentMethod: the charge, succeeded or failed
   * (the caller turns a decline into the intent's {@code last_payment_error}).
   */
  public record IntentPayment(
      String paymentIntent,
      String paymentMethod,
      String token,
      long amount,
      String currency,
      String customer,
      boolean capture,
      String description,
      String receiptEmail,
      Map<String, String> metadata,
      String statementDescriptor,
      String statementDescriptorSuffix) {}

  public Charge chargeForIntent(Ctx ctx, IntentPayment p) {
    return record(
        ctx,
        new Attempt(
            p.paymentIntent(),
            p.paymentMethod(),
            p.token(),
            false,
            p.amount(),
            p.currency(),
            p.customer(),
            p.capture(),
            new Charge.Details(
                p.description(), p.receiptEmail(), null, p.metadata(), null, Json.object()),
            new Charge.Descriptors(p.statementDescriptor(), p.statementDescriptorSuffix())));
  }

  /** One charge attempt, whoever asked for it. */
  private record Attempt(
      String paymentIntent,
      String paymentMethod,
      String token,
      boolean legacySource,
      long amount,
      String currency,
      String customer,
      boolean capture,
      Charge.Details details,
      Charge.Descriptors descriptors) {}

  /** Stores the attempt as a charge with its events (and its balance transaction if captured). */
  private Charge record(Ctx requestCtx, Attempt a) {
    // A charge of a customer on a test clock is made, and falls due, on the clock's time.
    String testClock = customers.testClockOf(requestCtx, a.customer());
    Ctx ctx = requestCtx.onTestClock(testClock);
    TestCard card = TestCards.byToken(a.token());
    long now = ctx.now();
    String id = Ids.newId("ch_");
    Decline decline = card.decline();
    boolean succeeded = decline == null;
    boolean captured = succeeded && a.capture();
    Long captureBefore = succeeded && !a.capture() ? now + AUTHORIZATION_SECONDS : null;
    ObjectNode snapshot =
        CardSnapshot.build(
            ctx.accountId(),
            a.paymentMethod(),
            a.token(),
            card,
            a.amount(),
            now,
            captureBefore,
            a.customer(),
            a.legacySource());
    String txn = null;
    if (captured) {
      txn =
          ledger.record(
              ctx,
              chargeMovement(
                  id,
                  a.amount(),
                  a.currency(),
                  a.details().description(),
                  Fees.availableOn(ctx, card.bypassPending()),
                  testClock));
    }
    Charge charge =
        new Charge(
            id,
            now,
            ctx.account().livemode(),
            a.amount(),
            a.currency(),
            succeeded,
            succeeded ? "succeeded" : "failed",
            a.customer(),
            false,
            a.paymentMethod(),
            a.paymentIntent(),
            new Charge.Capture(captured, captured ? a.amount() : 0, txn, captureBefore),
            Charge.Refunds.NONE,
            a.details(),
            a.descriptors(),
            Charge.Failure.of(decline),
            snapshot,
            testClock);
    store.insert(ctx, charge);
    if (!succeeded) {
      ctx.emit("charge.failed", charge);
      return charge;
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
      String chargeId,
      long captured,
      String currency,
      String description,
      long availableOn,
      String testClock) {
    return new Movement(
        "charge",
        "charge",
        captured,
        Fees.cardFee(captured),
        "Stripe processing fees",
        currency,
        description,
        chargeId,
        availableOn,
        testClock);
  }

  private volatile java.util.function.BiPredicate<Ctx, String> intentExists = (ctx, id) -> false;

  /** The payments feature says which PaymentIntents exist (filters on them must name real ones). */
  public void knowIntentsBy(java.util.function.BiPredicate<Ctx, String> exists) {
    this.intentExists = exists;
  }

  /** Stripe's 404 for a {@code payment_intent} filter naming no intent of this account. */
  public void requireIntent(Ctx ctx, String paymentIntent) {
    if (paymentIntent != null && !intentExists.test(ctx, paymentIntent)) {
      throw Errors.noSuch("payment_intent", paymentIntent, "payment_intent");
    }
  }

  /** The latest paid charge of a PaymentIntent (what a refund of the intent returns). */
  public Optional<Charge> paidForIntent(Ctx ctx, String paymentIntent) {
    return store.paidForIntent(ctx, paymentIntent);
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
    requireIntent(ctx, f.paymentIntent());
    return new ListQuery<>(
            ChargeStore.TABLE.name(), "charge", ctx.accountId(), ChargeStore.mapper(ctx))
        .whereEquals("payment_intent", f.paymentIntent())
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
