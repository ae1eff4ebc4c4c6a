package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.charges.Charge;
import tally.charges.Charges;
import tally.charges.Decline;
import tally.charges.TestCards;
import tally.core.Json;

/**
 * Confirming a PaymentIntent: the card is charged through the charges feature, or, for Stripe's 3-D
 * Secure test cards, the intent waits in {@code requires_action} until the cardholder completes or
 * fails the hosted authentication page.
 */
final class Confirmations {
  private final PaymentMethods methods;
  private final Charges charges;
  private final Supplier<String> publicUrl;

  Confirmations(PaymentMethods methods, Charges charges, Supplier<String> publicUrl) {
    this.methods = methods;
    this.charges = charges;
    this.publicUrl = publicUrl;
  }

  /** Sets the intent's PaymentMethod; an intent waiting for one then awaits confirmation. */
  PaymentIntent attachMethod(Ctx ctx, PaymentIntent pi, String paymentMethodId) {
    PaymentMethod pm = methods.usable(ctx, paymentMethodId, "payment_method");
    refuseForeign(pi, pm);
    Map<String, Object> set = Map.of("payment_method", pm.id());
    return (pi.status() == IntentStatus.REQUIRES_PAYMENT_METHOD
            ? PaymentIntents.TABLE.transition(
                ctx,
                pi.id(),
                IntentStatus.REQUIRES_PAYMENT_METHOD,
                IntentStatus.REQUIRES_CONFIRMATION,
                set)
            : PaymentIntents.TABLE.set(ctx, pi.id(), set))
        .orElseThrow();
  }

  private static void refuseForeign(PaymentIntent pi, PaymentMethod pm) {
    PaymentMethods.refuseConsumed(pm);
    if (pm.customer() != null && !pm.customer().equals(pi.customer())) {
      throw Errors.invalid(
          "payment_method",
          "The provided PaymentMethod belongs to a different Customer than the PaymentIntent ("
              + (pi.customer() == null ? "none" : pi.customer())
              + "). Provide the Customer that the PaymentMethod is attached to.");
    }
  }

  PaymentIntent confirm(Ctx ctx, String id, PaymentIntentParams.Confirm c) {
    PaymentIntent pi =
        PaymentIntents.TABLE.findForUpdate(ctx, id).orElseThrow(() -> PaymentIntents.noSuch(id));
    ClientSecret.check(ctx, c.clientSecret(), pi.clientSecret(), "PaymentIntent");
    if (!pi.status().confirmable()) {
      throw PaymentIntents.unexpectedState(
          pi,
          "confirmed",
          List.of(
              IntentStatus.REQUIRES_CONFIRMATION,
              IntentStatus.REQUIRES_ACTION,
              IntentStatus.REQUIRES_PAYMENT_METHOD));
    }
    String pmId = c.paymentMethod() != null ? c.paymentMethod() : pi.paymentMethod();
    if (pmId == null) {
      throw Errors.invalid(
          "payment_intent_unexpected_state",
          null,
          "You cannot confirm this PaymentIntent because it's missing a payment method. Update"
              + " the PaymentIntent with a payment method and then confirm it again.");
    }
    PaymentMethod pm = methods.usable(ctx, pmId, "payment_method");
    refuseForeign(pi, pm);
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("payment_method", pm.id());
    set.put("off_session", c.offSession());
    set.put("return_url", c.returnUrl());
    if (c.setupFutureUsage() != null) {
      set.put("setup_future_usage", c.setupFutureUsage());
    }
    if (c.captureMethod() != null) {
      set.put("capture_method", c.captureMethod());
    }
    if (c.receiptEmail() != null) {
      set.put("receipt_email", c.receiptEmail());
    }
    if (c.incrementalAuthorization()) {
      set.put("payment_method_options", PaymentIntentParams.cardOptions(true));
    }
    pi = PaymentIntents.TABLE.set(ctx, id, set).orElseThrow();
    boolean asks = ThreeDSecure.asksToPay(pm);
    if (asks && (c.offSession() || c.errorOnRequiresAction())) {
      return fail(ctx, pi, pm, null, authenticationRequired(pm));
    }
    if (asks) {
      return requireAction(ctx, pi);
    }
    return pay(ctx, pi, pm);
  }

  /** Waits for the cardholder on the hosted 3-D Secure page. */
  private PaymentIntent requireAction(Ctx ctx, PaymentIntent pi) {
    String token = ThreeDSecure.newToken();
    ObjectNode next = ThreeDSecure.nextAction(publicUrl.get(), token, pi.returnUrl());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("next_action", next);
    set.put("authentication_token", token);
    set.put("last_payment_error", null);
    PaymentIntent waiting =
        PaymentIntents.TABLE
            .transition(ctx, pi.id(), pi.status(), IntentStatus.REQUIRES_ACTION, set)
            .orElseThrow();
    ctx.emit("payment_intent.requires_action", waiting);
    return waiting;
  }

  /**
   * The cardholder's answer on the authentication page: pays, or sends the intent back to {@code
   * requires_payment_method} with {@code payment_intent_authentication_failure}.
   */
  PaymentIntent authenticated(Ctx ctx, String id, String token, boolean success) {
    PaymentIntent pi = PaymentIntents.TABLE.findForUpdate(ctx, id).orElseThrow();
    if (pi.status() != IntentStatus.REQUIRES_ACTION || !token.equals(pi.authenticationToken())) {
      return pi;
    }
    PaymentMethod pm = methods.find(ctx, pi.paymentMethod()).orElseThrow();
    if (!success) {
      ObjectNode error = authenticationFailure("payment_intent_authentication_failure", pm);
      return moveToFailed(ctx, pi, pm, null, error);
    }
    if ("off_session".equals(pi.setupFutureUsage())) {
      methods.markAuthenticated(ctx, pm.id());
    }
    try {
      return pay(ctx, pi, pm);
    } catch (ApiException declined) {
      return retrieveAfter(ctx, id);
    }
  }

  private static PaymentIntent retrieveAfter(Ctx ctx, String id) {
    return PaymentIntents.TABLE.find(ctx, id).orElseThrow();
  }

  /** Charges the card; a decline leaves the intent waiting for a new method, and is a 402. */
  private PaymentIntent pay(Ctx ctx, PaymentIntent pi, PaymentMethod pm) {
    Charge charge =
        charges.chargeForIntent(
            ctx,
            new Charges.IntentPayment(
                pi.id(),
                pm.id(),
                pm.token(),
                pi.amount(),
                pi.currency(),
                pi.customer(),
                !pi.manualCapture(),
                pi.description(),
                pi.receiptEmail(),
                pi.metadata(),
                pi.statementDescriptor(),
                pi.statementDescriptorSuffix()));
    if (!charge.paid()) {
      Decline d = TestCards.byToken(pm.token()).decline();
      return fail(ctx, pi, pm, charge.id(), cardError(d, charge.id(), pm));
    }
    boolean manual = pi.manualCapture();
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("latest_charge", charge.id());
    set.put("amount_capturable", manual ? pi.amount() : 0L);
    set.put("amount_received", manual ? 0L : pi.amount());
    set.put("last_payment_error", null);
    set.put("next_action", null);
    set.put("authentication_token", null);
    PaymentIntent paid =
        PaymentIntents.TABLE
            .transition(
                ctx,
                pi.id(),
                pi.status(),
                manual ? IntentStatus.REQUIRES_CAPTURE : IntentStatus.SUCCEEDED,
                set)
            .orElseThrow();
    keepOrConsume(ctx, paid, pm);
    ctx.emit(
        manual ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", paid);
    return paid;
  }

  /** {@code setup_future_usage} saves the card on the customer; a card used once is spent. */
  private void keepOrConsume(Ctx ctx, PaymentIntent pi, PaymentMethod pm) {
    if (pi.setupFutureUsage() != null && pi.customer() != null && pm.customer() == null) {
      methods.attach(ctx, pm.id(), pi.customer());
      if ("off_session".equals(pi.setupFutureUsage())) {
        methods.markAuthenticated(ctx, pm.id());
      }
    } else if (pm.customer() == null) {
      methods.consume(ctx, pm.id());
    }
  }

  private PaymentIntent fail(
      Ctx ctx, PaymentIntent pi, PaymentMethod pm, String chargeId, ObjectNode error) {
    PaymentIntent failed = moveToFailed(ctx, pi, pm, chargeId, error);
    ObjectNode envelope = error.deepCopy();
    envelope.set("payment_intent", failed.toJson());
    throw new ApiException(new ApiError.Detailed(402, envelope), true);
  }

  private static PaymentIntent moveToFailed(
      Ctx ctx, PaymentIntent pi, PaymentMethod pm, String chargeId, JsonNode error) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("last_payment_error", error);
    set.put("payment_method", null);
    set.put("next_action", null);
    set.put("authentication_token", null);
    if (chargeId != null) {
      set.put("latest_charge", chargeId);
    }
    PaymentIntent failed =
        PaymentIntents.TABLE
            .transition(ctx, pi.id(), pi.status(), IntentStatus.REQUIRES_PAYMENT_METHOD, set)
            .orElseThrow();
    ctx.emit("payment_intent.payment_failed", failed);
    return failed;
  }

  static ObjectNode cardError(Decline d, String chargeId, PaymentMethod pm) {
    ObjectNode e = Json.object();
    e.put("charge", chargeId);
    e.put("code", d.code());
    if (d.declineCode() != null) {
      e.put("decline_code", d.declineCode());
    }
    e.put("doc_url", "https://stripe.com/docs/error-codes/" + d.code().replace('_', '-'));
    e.put("message", d.message());
    if (d.param() != null) {
      e.put("param", d.param());
    }
    e.set("payment_method", pm.toJson());
    e.put("type", "card_error");
    return e;
  }

  /** The failed 3-D Secure of an intent ({@code payment_intent_…}/{@code setup_intent_…}). */
  static ObjectNode authenticationFailure(String code, PaymentMethod pm) {
    ObjectNode error = Json.object();
    error.put("code", code);
    error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    error.put(
        "message",
        "The provided PaymentMethod has failed authentication. You can provide"
            + " payment_method_data or a new PaymentMethod to attempt to fulfill this"
            + " intent again.");
    error.set("payment_method", pm.toJson());
    error.put("type", "invalid_request_error");
    return error;
  }

  private static ObjectNode authenticationRequired(PaymentMethod pm) {
    ObjectNode e = Json.object();
    e.put("code", "authentication_required");
    e.put("decline_code", "authentication_required");
    e.put("doc_url", "https://stripe.com/docs/error-codes/authentication-required");
    e.put("message", "Your card was declined. This transaction requires authentication.");
    e.set("payment_method", pm.toJson());
    e.put("type", "card_error");
    return e;
  }
}
