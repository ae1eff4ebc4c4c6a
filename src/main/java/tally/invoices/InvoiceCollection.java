package tally.invoices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.core.Ids;
import tally.customers.Customers;
import tally.payments.CardPayments;
import tally.store.Table;

/**
 * Collecting open invoices: each attempt charges the invoice's (or the customer's default)
 * PaymentMethod off session through a PaymentIntent. A failed attempt is retried on a fixed
 * schedule in place of Stripe's Smart Retries: 3, 5 and 7 days after the previous one (four
 * attempts over fifteen days); then the parent's owner decides (subscriptions cancel).
 */
public final class InvoiceCollection {
  static final Table<InvoicePayment> PAYMENTS = Table.of("invoice_payments", InvoicePayment.class);

  /** Days from a failed attempt to the next; one entry per retry. */
  static final List<Long> RETRY_DAYS = List.of(3L, 5L, 7L);

  private final Invoices invoices;
  private final Customers customers;
  private final CardPayments payments;

  InvoiceCollection(Invoices invoices, Customers customers, CardPayments payments) {
    this.invoices = invoices;
    this.customers = customers;
    this.payments = payments;
  }

  /** Finalizes a draft and, when the invoice charges automatically, tries to collect it. */
  public Invoice finalizeAndCollect(Ctx ctx, String id) {
    Invoice open = invoices.finalizeDraft(ctx, id);
    return open.open() && "charge_automatically".equals(open.collectionMethod())
        ? attempt(ctx, id, false)
        : open;
  }

  /**
   * One payment attempt. {@code raise}: a decline is also the caller's 402 (the pay endpoint); the
   * clock's retries and subscriptions only record it.
   */
  Invoice attempt(Ctx requestCtx, String id, boolean raise) {
    Invoice inv = invoices.lock(requestCtx, id);
    Ctx ctx = requestCtx.onTestClock(inv.testClock());
    if (!inv.open() && inv.status() != InvoiceStatus.UNCOLLECTIBLE) {
      throw Errors.invalid(
          "invoice_not_open", null, "Invoice is already " + inv.status().wire() + ".");
    }
    String pm =
        inv.defaultPaymentMethod() != null
            ? inv.defaultPaymentMethod()
            : customers.defaultPaymentMethod(ctx, inv.customer()).orElse(null);
    long due = inv.amountDue() - inv.amountPaid();
    CardPayments.Outcome outcome =
        pm == null
            ? new CardPayments.Outcome(
                null,
                false,
                null,
                "The customer has no default payment method (invoice_settings.default_payment_method).")
            : payments.chargeSaved(
                ctx,
                inv.customer(),
                pm,
                due,
                inv.currency(),
                "Payment for Invoice " + inv.number(),
                Map.of());
    if (outcome.done()) {
      return paid(ctx, inv, outcome.intentId(), due);
    }
    Invoice failed = failed(ctx, inv, outcome.intentId());
    if (raise) {
      throw new ApiException(
          new ApiError.CardError("card_declined", null, null, outcome.declined(), null), true);
    }
    return failed;
  }

  /**
   * The invoice was paid on a hosted page (its own, or Checkout's for a subscription's first
   * invoice) by {@code intent}; on its customer's clock.
   */
  public Invoice paidBy(Ctx requestCtx, String id, String intent) {
    Invoice inv = invoices.lock(requestCtx, id);
    Ctx ctx = requestCtx.onTestClock(inv.testClock());
    return paid(ctx, inv, intent, inv.amountDue() - inv.amountPaid());
  }

  private Invoice paid(Ctx ctx, Invoice inv, String intent, long amount) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("amount_paid", inv.amountPaid() + amount);
    set.put("attempt_count", inv.attemptCount() + 1);
    set.put("attempted", true);
    set.put("paid_at", ctx.now());
    set.put("next_payment_attempt", null);
    set.put("payment_intent", intent);
    Invoice paid =
        invoices.seen(
            Invoices.TABLE
                .transition(ctx, inv.id(), inv.status(), InvoiceStatus.PAID, set)
                .orElseThrow());
    InvoicePayment payment =
        PAYMENTS.insert(
            ctx,
            new InvoicePayment(
                Ids.newId("inpay_"),
                ctx.now(),
                inv.id(),
                amount,
                amount,
                inv.currency(),
                "paid",
                intent,
                ctx.now()));
    ctx.emit("invoice_payment.paid", payment);
    ctx.emit("invoice.paid", paid);
    ctx.emit("invoice.payment_succeeded", paid);
    invoices.listeners().forEach(l -> l.paid(ctx, paid));
    return paid;
  }

  private Invoice failed(Ctx ctx, Invoice inv, String intent) {
    long attempts = inv.attemptCount() + 1;
    // A subscription's first invoice is not retried: the subscription stays incomplete until it
    // is paid or expires, as on Stripe.
    boolean exhausted =
        attempts > RETRY_DAYS.size() || "subscription_create".equals(inv.billingReason());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("attempt_count", attempts);
    set.put("attempted", true);
    set.put(
        "next_payment_attempt",
        exhausted ? null : ctx.now() + RETRY_DAYS.get((int) attempts - 1) * 86_400);
    if (intent != null) {
      set.put("payment_intent", intent);
    }
    Invoice failed = invoices.seen(Invoices.TABLE.set(ctx, inv.id(), set).orElseThrow());
    ctx.emit("invoice.payment_failed", failed);
    invoices.listeners().forEach(l -> l.paymentFailed(ctx, failed, exhausted));
    return failed;
  }

  /** The clock's retry of an open invoice whose next attempt is due. */
  boolean retryDue(Ctx ctx, String id) {
    Invoice inv = invoices.lock(ctx, id);
    if (!inv.open() || inv.nextPaymentAttempt() == null || inv.nextPaymentAttempt() > ctx.now()) {
      return false;
    }
    // At the retry's own instant, so a clock advanced past several keeps their order and times.
    attempt(ctx.at(inv.nextPaymentAttempt()), id, false);
    return true;
  }

  /** A draft made by the clock (a renewal) finalizes an hour after it was made, as on Stripe. */
  boolean finalizeDue(Ctx ctx, String id) {
    Invoice inv = invoices.lock(ctx, id);
    if (inv.status() != InvoiceStatus.DRAFT || !inv.autoAdvance()) {
      return false;
    }
    finalizeAndCollect(ctx.at(inv.created() + 3600), id);
    return true;
  }

  ListPage listPayments(Ctx ctx, String invoice, ListParams page) {
    return new ListQuery<>(PAYMENTS.name(), "invoice_payment", ctx.accountId(), PAYMENTS.mapper())
        .whereEquals("invoice", invoice)
        .page(ctx.db(), page, "/v1/invoice_payments");
  }

  InvoicePayment retrievePayment(Ctx ctx, String id) {
    return PAYMENTS
        .find(ctx, id)
        .orElseThrow(() -> Errors.noSuch("invoice_payment", id, "invoice_payment"));
  }
}
