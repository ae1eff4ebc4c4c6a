package tally.checkout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.core.Json;
import tally.customers.Customers;
import tally.invoices.Invoice;
import tally.payments.CardPayments;
import tally.subscriptions.SubscriptionStarts;

/**
 * A subscription-mode session completed on the hosted page, as Stripe's Checkout does it: the
 * customer (made now unless the session names one), the card saved on them, the subscription
 * started with that card as its default, then its first invoice paid on session (3-D Secure when
 * the card asks). When nothing is due today (a trial) the card is saved through a SetupIntent and
 * nothing is charged; with {@code payment_method_collection=if_required} no card is asked for.
 *
 * <p>A declined card undoes the whole attempt (a savepoint): the session stays open with the error
 * on the page, and no customer, subscription or invoice is left behind. Only an attempt waiting for
 * 3-D Secure keeps what it made (as on Stripe, an incomplete subscription); the payer's answer
 * continues it, and a new card after a failed authentication pays the same invoice.
 */
final class SubscriptionCheckout {
  private static final String ATTEMPT = "checkout_attempt";

  /** How an attempt ended: complete (with what it made), waiting for 3-D Secure, or declined. */
  sealed interface Result {
    record Done(Map<String, Object> made) implements Result {}

    record Authenticate(String url) implements Result {}

    record Declined(String message) implements Result {}
  }

  private final CheckoutSessions sessions;
  private final CardPayments cards;
  private final CheckoutFeature.Billing billing;

  SubscriptionCheckout(
      CheckoutSessions sessions, CardPayments cards, CheckoutFeature.Billing billing) {
    this.sessions = sessions;
    this.cards = cards;
    this.billing = billing;
  }

  private Customers customers() {
    return sessions.customers();
  }

  /** The payer submitted the page: one attempt, undone entirely if it is declined. */
  Result submit(Ctx ctx, CheckoutSession s, CardForm form) {
    Handle h = ctx.db();
    h.savepoint(ATTEMPT);
    boolean keep = false;
    try {
      Result r = attempt(ctx, s, form);
      keep = !(r instanceof Result.Declined);
      return r;
    } finally {
      if (keep) {
        h.releaseSavepoint(ATTEMPT);
      } else {
        h.rollbackToSavepoint(ATTEMPT);
      }
    }
  }

  private Result attempt(Ctx ctx, CheckoutSession s, CardForm form) {
    String customer =
        s.customer() != null ? s.customer() : customers().createWithEmail(ctx, form.email()).id();
    Ctx at = ctx.onTestClock(customers().testClockOf(ctx, customer));
    Attempt a = new Attempt(at, s, customer, form.payer());
    if (!s.collectsCard()) {
      return start(a, null);
    }
    if (s.subscription() == null && s.amountTotal() == 0) {
      CardPayments.Outcome saved =
          cards.setUp(
              at,
              new CardPayments.Setup(
                  customer, form.token(), form.billingDetails(), null, Map.of(), returnUrl(s)));
      return afterSetup(a, saved);
    }
    String pm;
    try {
      // Saving checks the card, as Stripe's attach does: a declining card fails here.
      pm = cards.saveCard(at, customer, form.token(), form.billingDetails());
    } catch (ApiException declined) {
      if (!(declined.error() instanceof ApiError.CardError)) {
        throw declined;
      }
      return new Result.Declined(declined.error().message());
    }
    if (s.subscription() == null) {
      return start(a, pm);
    }
    // An earlier attempt's 3-D Secure failed: the same subscription and invoice, a new card.
    billing.starts().useDefaultPaymentMethod(at, s.subscription(), pm);
    Invoice invoice = billing.invoices().find(at, s.invoice()).orElseThrow();
    return pay(a, s.subscription(), invoice, pm);
  }

  /** Back from 3-D Secure (a GET): the attempt's intent says how it went. */
  Optional<Result> resume(Ctx ctx, CheckoutSession s) {
    String intent = s.field("attempt_intent");
    Optional<CardPayments.Outcome> outcome =
        intent == null ? Optional.empty() : cards.outcome(ctx, intent);
    if (outcome.isEmpty()) {
      return Optional.empty();
    }
    Ctx at = ctx.onTestClock(customers().testClockOf(ctx, s.customer()));
    Attempt a = new Attempt(at, s, s.customer(), payer(s));
    CardPayments.Outcome o = outcome.get();
    if (intent.startsWith("seti_")) {
      return Optional.of(afterSetup(a, o));
    }
    if (!o.done()) {
      return Optional.of(unfinished(o));
    }
    Invoice invoice = billing.invoices().find(at, s.invoice()).orElseThrow();
    Invoice paid =
        invoice.amountDue() > invoice.amountPaid()
            ? billing.collection().paidBy(at, invoice.id(), intent)
            : invoice;
    return Optional.of(done(a, s.subscription(), paid));
  }

  /** One attempt's context: on the customer's clock, with what the payer typed. */
  private record Attempt(
      Ctx at, CheckoutSession s, String customer, CheckoutSessions.Payer payer) {}

  private Result afterSetup(Attempt a, CardPayments.Outcome saved) {
    if (saved.done()) {
      return start(a, cards.savedMethod(a.at(), saved.intentId()).orElseThrow());
    }
    if (saved.authenticationUrl() != null && !saved.authenticationUrl().isEmpty()) {
      sessions.waiting(a.at(), a.s().id(), a.customer(), null, null, saved.intentId(), a.payer());
    }
    return unfinished(saved);
  }

  /** Starts the subscription with {@code pm} (null: no card) and pays what its invoice asks. */
  private Result start(Attempt a, String pm) {
    SubscriptionStarts.Started started = billing.starts().start(a.at(), startOf(a, pm));
    return pay(a, started.subscription().id(), started.invoice(), pm);
  }

  private Result pay(Attempt a, String subscription, Invoice invoice, String pm) {
    long due = invoice.amountDue() - invoice.amountPaid();
    if (due == 0) {
      return done(a, subscription, invoice);
    }
    if (pm == null) {
      return new Result.Declined("A card is needed to start this subscription.");
    }
    CardPayments.Outcome o =
        cards.payOnSession(
            a.at(),
            a.customer(),
            pm,
            due,
            invoice.currency(),
            "Subscription creation",
            returnUrl(a.s()),
            a.s().field("attempt_intent"));
    if (o.done()) {
      return done(a, subscription, billing.collection().paidBy(a.at(), invoice.id(), o.intentId()));
    }
    if (o.authenticationUrl() != null && !o.authenticationUrl().isEmpty()) {
      sessions.waiting(
          a.at(), a.s().id(), a.customer(), subscription, invoice.id(), o.intentId(), a.payer());
    }
    return unfinished(o);
  }

  private static Result unfinished(CardPayments.Outcome o) {
    if (o.authenticationUrl() != null && !o.authenticationUrl().isEmpty()) {
      return new Result.Authenticate(o.authenticationUrl());
    }
    return new Result.Declined(
        o.declined() != null ? o.declined() : "Your card could not be used.");
  }

  /** What the completed session shows: the subscription, its first invoice and what it came to. */
  private Result done(Attempt a, String subscription, Invoice invoice) {
    sessions.attempted(a.at(), a.s().id(), null, a.customer(), a.payer());
    Map<String, Object> made = new HashMap<>();
    made.put("customer", a.customer());
    made.put("subscription", subscription);
    made.put("invoice", invoice.id());
    made.put("amount_subtotal", invoice.subtotal());
    made.put("amount_total", invoice.total());
    made.put("payment_status", invoice.amountPaid() > 0 ? "paid" : "no_payment_required");
    return new Result.Done(made);
  }

  private SubscriptionStarts.Start startOf(Attempt a, String pm) {
    SubscriptionData d = data(a.s());
    List<LineItem> items = sessions.lineItems(a.at(), a.s().id());
    return new SubscriptionStarts.Start(
        a.customer(),
        items.stream()
            .filter(i -> i.price().recurringPrice())
            .map(i -> new SubscriptionStarts.Item(i.priceId(), Math.max(1, i.storedQuantity())))
            .toList(),
        items.stream()
            .filter(i -> !i.price().recurringPrice())
            .map(i ->
                new SubscriptionStarts.OneTime(i.priceId(), i.storedQuantity(), i.description()))
            .toList(),
        d.trialEnd(),
        d.trialPeriodDays(),
        d.billingCycleAnchor(),
        d.prorate(),
        pm,
        d.description(),
        d.metadata(),
        d.missingPaymentMethod());
  }

  static SubscriptionData data(CheckoutSession s) {
    var node = s.fields().get("subscription_data");
    return node == null || node.isNull()
        ? SubscriptionData.NONE
        : Json.MAPPER.convertValue(node, SubscriptionData.class);
  }

  private static CheckoutSessions.Payer payer(CheckoutSession s) {
    var node = s.fields().get("payer");
    return node == null || node.isNull()
        ? new CheckoutSessions.Payer(s.customerEmail(), null, null, null)
        : Json.MAPPER.convertValue(node, CheckoutSessions.Payer.class);
  }

  private static String returnUrl(CheckoutSession s) {
    return s.publicBase() + "/c/pay/" + s.id() + "/return";
  }
}
