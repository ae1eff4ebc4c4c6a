package tally.checkout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Params;
import tally.core.Json;
import tally.http.Decoder;
import tally.pages.HtmlPage;
import tally.pages.Pages;
import tally.payments.CardPayments;

/**
 * The hosted payment page at {@code /c/pay/{session}}: the payer types their card and billing
 * details; payment mode pays through a PaymentIntent, setup mode saves the card through a
 * SetupIntent, both made as the API would. Cards that ask for 3-D Secure leave for the
 * authentication page, which sends the browser back to {@code /c/pay/{session}/return}.
 */
final class CheckoutPage {
  private final CheckoutSessions sessions;
  private final CardPayments cards;
  private final SubscriptionCheckout subscriptions;

  CheckoutPage(CheckoutSessions sessions, CardPayments cards, SubscriptionCheckout subscriptions) {
    this.sessions = sessions;
    this.cards = cards;
    this.subscriptions = subscriptions;
  }

  private Optional<Ctx> acting(Ctx ctx, String id) {
    return sessions.accountOf(ctx, id).map(ctx::forAccount);
  }

  private static ApiObject notFound() {
    return Pages.message(404, "Link not found", "This checkout link is not valid.");
  }

  ApiObject show(Ctx ctx, String id) {
    Optional<Ctx> acting = acting(ctx, id);
    if (acting.isEmpty()) {
      return notFound();
    }
    CheckoutSession s = sessions.retrieve(acting.get(), id);
    return render(acting.get(), s, CardForm.blank(knownEmail(acting.get(), s)), null, 200);
  }

  /** The email to prefill: the session's customer_email, else its customer's. */
  private String knownEmail(Ctx ctx, CheckoutSession s) {
    if (s.customerEmail() != null || s.customer() == null) {
      return s.customerEmail();
    }
    return sessions.customers().findLive(ctx, s.customer()).map(c -> c.email()).orElse(null);
  }

  private ApiObject render(Ctx ctx, CheckoutSession s, CardForm form, String error, int status) {
    if (!s.open() || sessions.pastExpiry(ctx, s)) {
      return s.status() == CheckoutStatus.COMPLETE
          ? Pages.message(410, "Already paid", "This checkout session is complete.")
          : Pages.message(410, "Session expired", "This checkout session has expired.");
    }
    return HtmlPage.status(
        status,
        Pages.render(
            "checkout.jte", CheckoutView.params(s, sessions.lineItems(ctx, s.id()), form, error)));
  }

  ApiObject pay(Ctx ctx, String id, CardForm form) {
    Optional<Ctx> found = acting(ctx, id);
    if (found.isEmpty()) {
      return notFound();
    }
    Ctx acting = found.get();
    CheckoutSession s = sessions.lock(acting, id);
    if (!s.open() || sessions.pastExpiry(acting, s)) {
      return render(acting, s, form, null, 410);
    }
    String problem = s.collectsCard() ? form.problem(acting.now()) : form.contactProblem();
    if (problem != null) {
      return render(acting, s, form, problem, 400);
    }
    if (s.subscriptionMode()) {
      return finish(acting, s, form, subscriptions.submit(acting, s, form));
    }
    boolean setup = "setup".equals(s.mode());
    String customer = customerFor(acting, s, form.email(), setup);
    if (!setup && (s.amountTotal() == null || s.amountTotal() == 0)) {
      sessions.attempted(acting, id, null, customer, form.payer());
      return completed(acting, s);
    }
    String returnUrl = s.publicBase() + "/c/pay/" + id + "/return";
    CardPayments.Outcome outcome =
        setup
            ? cards.setUp(acting, setup(s, form, customer, returnUrl))
            : cards.pay(acting, payment(s, form, customer, returnUrl));
    if (sessions.attempted(acting, id, outcome.intentId(), customer, form.payer()).isEmpty()) {
      return render(acting, sessions.retrieve(acting, id), form, null, 409);
    }
    return after(acting, s, form, outcome);
  }

  /**
   * The authentication page appends the intent, its client secret and redirect_status, as Stripe's
   * does; the session's own intent is what counts, so they are read and let go.
   */
  static Decoder.NoParams ignoreRedirectParams(Params p) {
    for (String name :
        List.of(
            "payment_intent",
            "payment_intent_client_secret",
            "setup_intent",
            "setup_intent_client_secret",
            "redirect_status")) {
      p.raw(name);
    }
    return Decoder.NoParams.INSTANCE;
  }

  /** Back from the 3-D Secure page: the session's own intent says how it went. */
  ApiObject returned(Ctx ctx, String id) {
    Optional<Ctx> found = acting(ctx, id);
    if (found.isEmpty()) {
      return notFound();
    }
    Ctx acting = found.get();
    CheckoutSession s = sessions.lock(acting, id);
    if (s.status() == CheckoutStatus.COMPLETE) {
      return success(s);
    }
    if (s.subscriptionMode()) {
      return subscriptions
          .resume(acting, s)
          .map(r -> finish(acting, s, CardForm.blank(knownEmail(acting, s)), r))
          .orElseGet(() -> show(ctx, id));
    }
    String intent = s.paymentIntent() != null ? s.paymentIntent() : s.setupIntent();
    Optional<CardPayments.Outcome> outcome =
        intent == null ? Optional.empty() : cards.outcome(acting, intent);
    if (outcome.isEmpty()) {
      return show(ctx, id);
    }
    return after(acting, s, CardForm.blank(knownEmail(acting, s)), outcome.get());
  }

  private ApiObject after(Ctx ctx, CheckoutSession s, CardForm form, CardPayments.Outcome o) {
    if (o.done()) {
      return completed(ctx, s);
    }
    if (o.authenticationUrl() != null && !o.authenticationUrl().isEmpty()) {
      return HtmlPage.seeOther(o.authenticationUrl());
    }
    String error = o.declined() != null ? o.declined() : "Your card could not be used.";
    return render(ctx, sessions.retrieve(ctx, s.id()), form, error, 402);
  }

  private ApiObject finish(
      Ctx ctx, CheckoutSession s, CardForm form, SubscriptionCheckout.Result result) {
    return switch (result) {
      case SubscriptionCheckout.Result.Done d -> completed(ctx, s, d.made());
      case SubscriptionCheckout.Result.Authenticate a -> HtmlPage.seeOther(a.url());
      case SubscriptionCheckout.Result.Declined d ->
          render(ctx, sessions.retrieve(ctx, s.id()), form, d.message(), 402);
    };
  }

  private ApiObject completed(Ctx ctx, CheckoutSession s) {
    return completed(ctx, s, Map.of());
  }

  /**
   * open → complete in this transaction, after the intent's own events (in subscription mode, after
   * the subscription's and its invoice's: {@code made} is what they were).
   */
  private ApiObject completed(Ctx ctx, CheckoutSession s, Map<String, Object> made) {
    Optional<CheckoutSession> completed = sessions.complete(ctx, s.id(), made);
    if (completed.isEmpty()) {
      CheckoutSession now = sessions.retrieve(ctx, s.id());
      return now.status() == CheckoutStatus.COMPLETE
          ? success(now)
          : render(ctx, now, CardForm.blank(knownEmail(ctx, now)), null, 409);
    }
    ctx.emit("checkout.session.completed", completed.get());
    return success(completed.get());
  }

  private static ApiObject success(CheckoutSession s) {
    String success = s.field("success_url");
    return success == null
        ? Pages.message(200, "Thank you", "Your payment is complete.")
        : HtmlPage.seeOther(success.replace("{CHECKOUT_SESSION_ID}", s.id()));
  }

  /**
   * The session's customer, else one made now when Stripe's Checkout would make one: {@code
   * customer_creation=always}, or a payment that saves the card for later.
   */
  private String customerFor(Ctx ctx, CheckoutSession s, String email, boolean setup) {
    if (s.customer() != null) {
      return s.customer();
    }
    boolean saves = !setup && s.field("setup_future_usage") != null;
    if ("always".equals(s.field("customer_creation")) || saves) {
      return sessions.customers().createWithEmail(ctx, email).id();
    }
    return null;
  }

  /** Metadata kept in the session's fields for its intent; empty when none was given. */
  private static Map<String, String> metadata(CheckoutSession s, String field) {
    var node = s.fields().get(field);
    return node == null || node.isNull() ? Map.of() : Json.stringMap(Json.write(node));
  }

  private static CardPayments.Setup setup(
      CheckoutSession s, CardForm form, String customer, String returnUrl) {
    return new CardPayments.Setup(
        customer,
        form.token(),
        form.billingDetails(),
        s.field("setup_description"),
        metadata(s, "setup_metadata"),
        returnUrl);
  }

  private static CardPayments.Payment payment(
      CheckoutSession s, CardForm form, String customer, String returnUrl) {
    Map<String, String> metadata = metadata(s, "payment_metadata");
    return new CardPayments.Payment(
        s.amountTotal(),
        s.currency(),
        customer,
        form.token(),
        form.billingDetails(),
        s.field("payment_description"),
        metadata,
        "manual".equals(s.field("capture_method")),
        s.field("setup_future_usage"),
        s.field("receipt_email") != null ? s.field("receipt_email") : form.email(),
        returnUrl,
        s.paymentIntent());
  }
}
