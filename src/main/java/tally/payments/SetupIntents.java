package tally.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.charges.Decline;
import tally.charges.TestCards;
import tally.core.Ids;
import tally.customers.Customers;
import tally.store.Table;

/**
 * SetupIntents: a card checked (and authenticated when it knows 3-D Secure) and saved on the
 * customer for later payments; {@code usage=off_session} lets cards that ask once pay off session
 * afterwards. No money moves.
 */
final class SetupIntents {
  static final Table<SetupIntent> TABLE = Table.of("setup_intents", SetupIntent.class);

  private final Customers customers;
  private final PaymentMethods methods;
  private final Supplier<String> publicUrl;

  SetupIntents(Customers customers, PaymentMethods methods, Supplier<String> publicUrl) {
    this.customers = customers;
    this.methods = methods;
    this.publicUrl = publicUrl;
  }

  SetupIntent create(Ctx ctx, SetupIntentParams.Create p) {
    if (p.customer() != null) {
      customers.requireLive(ctx, p.customer(), "customer");
    }
    String pm =
        p.paymentMethod() == null
            ? null
            : methods.usable(ctx, p.paymentMethod(), "payment_method").id();
    String id = Ids.newId("seti_");
    SetupIntent si =
        TABLE.insert(
            ctx,
            new SetupIntent(
                id,
                ctx.now(),
                pm == null
                    ? IntentStatus.REQUIRES_PAYMENT_METHOD
                    : IntentStatus.REQUIRES_CONFIRMATION,
                p.customer(),
                pm,
                p.usage(),
                p.description(),
                p.metadata().applyTo(Map.of()),
                null,
                null,
                null,
                p.automaticPaymentMethods(),
                PaymentIntentParams.setupCardOptions(),
                p.paymentMethodTypes(),
                id + "_secret_" + Ids.random(24),
                null,
                null));
    ctx.emit("setup_intent.created", si);
    return p.confirm() ? confirm(ctx, id, p.confirmation()) : si;
  }

  Optional<SetupIntent> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }

  SetupIntent retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> noSuch(id));
  }

  private static ApiException noSuch(String id) {
    return Errors.noSuch("setup_intent", id, "intent");
  }

  SetupIntent update(Ctx ctx, String id, SetupIntentParams.Update p) {
    if (p.customer() != null) {
      customers.requireLive(ctx, p.customer(), "customer");
    }
    String pm =
        p.paymentMethod() == null
            ? null
            : methods.usable(ctx, p.paymentMethod(), "payment_method").id();
    var updated =
        TABLE
            .update(
                ctx,
                id,
                si -> {
                  if (!si.status().confirmable() && (pm != null || p.customer() != null)) {
                    throw Errors.invalid(
                        "setup_intent_unexpected_state",
                        null,
                        "You cannot update this SetupIntent because it has a status of "
                            + si.status().wire()
                            + ".");
                  }
                  Map<String, Object> set = new LinkedHashMap<>();
                  if (p.customer() != null) {
                    set.put("customer", p.customer());
                  }
                  if (pm != null) {
                    set.put("payment_method", pm);
                    if (si.status() == IntentStatus.REQUIRES_PAYMENT_METHOD) {
                      set.put("status", IntentStatus.REQUIRES_CONFIRMATION);
                    }
                  }
                  if (p.description() != null) {
                    set.put("description", p.description());
                  }
                  set.put("metadata", p.metadata().applyTo(si.metadata()));
                  return set;
                })
            .orElseThrow(() -> noSuch(id));
    return ctx.emitUpdate("setup_intent.updated", updated);
  }

  ListPage list(Ctx ctx, SetupIntentParams.ListFilter f) {
    return new ListQuery<>(TABLE.name(), "setup_intent", ctx.accountId(), TABLE.mapper())
        .whereEquals("customer", f.customer())
        .whereEquals("payment_method", f.paymentMethod())
        .page(ctx.db(), f.page(), "/v1/setup_intents");
  }

  SetupIntent confirm(Ctx ctx, String id, SetupIntentParams.Confirm c) {
    SetupIntent si = TABLE.findForUpdate(ctx, id).orElseThrow(() -> noSuch(id));
    ClientSecret.check(ctx, c.clientSecret(), si.clientSecret(), "SetupIntent");
    if (!si.status().confirmable()) {
      throw unexpectedState(si, "confirmed");
    }
    String pmId = c.paymentMethod() != null ? c.paymentMethod() : si.paymentMethod();
    if (pmId == null) {
      throw Errors.invalid(
          "setup_intent_unexpected_state",
          null,
          "You cannot confirm this SetupIntent because it's missing a payment method. Update the"
              + " SetupIntent with a payment method and then confirm it again.");
    }
    PaymentMethod pm = methods.usable(ctx, pmId, "payment_method");
    PaymentMethods.refuseConsumed(pm);
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("payment_method", pm.id());
    set.put("return_url", c.returnUrl());
    si = TABLE.set(ctx, id, set).orElseThrow();
    Decline decline = TestCards.byToken(pm.token()).decline();
    if (decline != null) {
      ObjectNode error = Confirmations.cardError(decline, null, pm);
      error.remove("charge");
      SetupIntent failed = moveToFailed(ctx, si, error);
      ObjectNode envelope = error.deepCopy();
      envelope.set("setup_intent", failed.toJson());
      throw new ApiException(new ApiError.Detailed(402, envelope), true);
    }
    if (ThreeDSecure.asksToSetUp(pm)) {
      String token = ThreeDSecure.newToken();
      Map<String, Object> waiting = new LinkedHashMap<>();
      waiting.put("next_action", ThreeDSecure.nextAction(publicUrl.get(), token, c.returnUrl()));
      waiting.put("authentication_token", token);
      waiting.put("last_setup_error", null);
      SetupIntent asked =
          TABLE
              .transition(ctx, id, si.status(), IntentStatus.REQUIRES_ACTION, waiting)
              .orElseThrow();
      ctx.emit("setup_intent.requires_action", asked);
      return asked;
    }
    return succeed(ctx, si, pm);
  }

  /** The cardholder's answer on the hosted 3-D Secure page. */
  SetupIntent authenticated(Ctx ctx, String id, String token, boolean success) {
    SetupIntent si = TABLE.findForUpdate(ctx, id).orElseThrow();
    if (si.status() != IntentStatus.REQUIRES_ACTION || !token.equals(si.authenticationToken())) {
      return si;
    }
    PaymentMethod pm = methods.find(ctx, si.paymentMethod()).orElseThrow();
    if (!success) {
      return moveToFailed(
          ctx, si, Confirmations.authenticationFailure("setup_intent_authentication_failure", pm));
    }
    return succeed(ctx, si, pm);
  }

  private SetupIntent succeed(Ctx ctx, SetupIntent si, PaymentMethod pm) {
    if (si.customer() != null && pm.customer() == null) {
      methods.attach(ctx, pm.id(), si.customer());
    }
    if ("off_session".equals(si.usage())) {
      methods.markAuthenticated(ctx, pm.id());
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("next_action", null);
    set.put("authentication_token", null);
    set.put("last_setup_error", null);
    SetupIntent done =
        TABLE.transition(ctx, si.id(), si.status(), IntentStatus.SUCCEEDED, set).orElseThrow();
    ctx.emit("setup_intent.succeeded", done);
    return done;
  }

  private static SetupIntent moveToFailed(
      Ctx ctx, SetupIntent si, com.fasterxml.jackson.databind.JsonNode error) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("last_setup_error", error);
    set.put("payment_method", null);
    set.put("next_action", null);
    set.put("authentication_token", null);
    SetupIntent failed =
        TABLE
            .transition(ctx, si.id(), si.status(), IntentStatus.REQUIRES_PAYMENT_METHOD, set)
            .orElseThrow();
    ctx.emit("setup_intent.setup_failed", failed);
    return failed;
  }

  SetupIntent cancel(Ctx ctx, String id, SetupIntentParams.Cancel p) {
    SetupIntent si = TABLE.findForUpdate(ctx, id).orElseThrow(() -> noSuch(id));
    if (!si.status().confirmable()) {
      throw unexpectedState(si, "canceled");
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("cancellation_reason", p.reason());
    set.put("next_action", null);
    set.put("authentication_token", null);
    SetupIntent canceled =
        TABLE.transition(ctx, id, si.status(), IntentStatus.CANCELED, set).orElseThrow();
    ctx.emit("setup_intent.canceled", canceled);
    return canceled;
  }

  private static ApiException unexpectedState(SetupIntent si, String verb) {
    return Errors.invalid(
        "setup_intent_unexpected_state",
        null,
        "This SetupIntent could not be "
            + verb
            + " because it has a status of "
            + si.status().wire()
            + ". Only a SetupIntent with one of the following statuses may be "
            + verb
            + ": "
            + String.join(
                ", ",
                List.of("requires_payment_method", "requires_confirmation", "requires_action"))
            + ".");
  }
}
