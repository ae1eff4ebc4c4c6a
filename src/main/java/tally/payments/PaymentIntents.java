package tally.payments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.charges.Captures;
import tally.charges.ChargeParams;
import tally.core.Ids;
import tally.customers.Customers;
import tally.search.MetadataIndex;
import tally.search.Search;
import tally.search.SearchField;
import tally.store.Table;

/**
 * PaymentIntents: create, retrieve, update, list, search, capture and cancel. Confirmation (and its
 * 3-D Secure detour) lives in {@link Confirmations}. Every status change is a guarded move of
 * {@link IntentStatus}, made while the row is locked, so two requests never confirm, capture or
 * cancel one intent twice.
 */
public final class PaymentIntents {
  static final Table<PaymentIntent> TABLE = Table.of("payment_intents", PaymentIntent.class);
  static final MetadataIndex METADATA =
      new MetadataIndex("payment_intent_metadata", "payment_intent_id");

  private final Customers customers;
  private final Captures captures;
  private final Confirmations confirmations;

  PaymentIntents(Customers customers, Captures captures, Confirmations confirmations) {
    this.customers = customers;
    this.captures = captures;
    this.confirmations = confirmations;
  }

  PaymentIntent create(Ctx ctx, PaymentIntentParams.Create p) {
    if (p.customer() != null) {
      customers.requireLive(ctx, p.customer(), "customer");
    }
    String id = Ids.newId("pi_");
    PaymentIntent pi =
        TABLE.insert(
            ctx,
            new PaymentIntent(
                id,
                ctx.now(),
                p.amount(),
                0,
                0,
                p.currency(),
                p.paymentMethod() == null
                    ? IntentStatus.REQUIRES_PAYMENT_METHOD
                    : IntentStatus.REQUIRES_CONFIRMATION,
                p.customer(),
                null,
                p.captureMethod(),
                p.confirmationMethod(),
                p.setupFutureUsage(),
                p.description(),
                p.receiptEmail(),
                p.statementDescriptor(),
                p.statementDescriptorSuffix(),
                p.metadata().applyTo(Map.of()),
                null,
                null,
                null,
                null,
                null,
                p.automaticPaymentMethods(),
                p.paymentMethodOptions(),
                p.paymentMethodTypes(),
                id + "_secret_" + Ids.random(24),
                null,
                false,
                null));
    METADATA.insert(ctx, id, pi.metadata());
    if (p.paymentMethod() != null) {
      // Attached now, so a bad id is refused before the intent exists.
      pi = confirmations.attachMethod(ctx, pi, p.paymentMethod());
    }
    ctx.emit("payment_intent.created", pi);
    return p.confirm() ? confirmations.confirm(ctx, pi.id(), p.confirmation()) : pi;
  }

  Optional<PaymentIntent> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }

  PaymentIntent retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> noSuch(id));
  }

  static ApiException noSuch(String id) {
    return Errors.noSuch("payment_intent", id, "intent");
  }

  PaymentIntent update(Ctx ctx, String id, PaymentIntentParams.Update p) {
    if (p.customer() != null) {
      customers.requireLive(ctx, p.customer(), "customer");
    }
    var updated =
        TABLE
            .update(
                ctx,
                id,
                pi -> {
                  if (!pi.status().confirmable() && changesPayment(p)) {
                    throw Errors.invalid(
                        "payment_intent_unexpected_state",
                        null,
                        "You cannot update this PaymentIntent because it has a status of "
                            + pi.status().wire()
                            + ".");
                  }
                  return edits(pi, p);
                })
            .orElseThrow(() -> noSuch(id));
    if (p.metadata().clearAll() || !p.metadata().changes().isEmpty()) {
      METADATA.write(ctx, id, updated.after().metadata());
    }
    PaymentIntent after = ctx.emitUpdate("payment_intent.updated", updated);
    return p.paymentMethod() == null
        ? after
        : confirmations.attachMethod(ctx, after, p.paymentMethod());
  }

  private static boolean changesPayment(PaymentIntentParams.Update p) {
    return p.amount() != null
        || p.currency() != null
        || p.paymentMethod() != null
        || p.captureMethod() != null
        || p.customer() != null;
  }

  private static Map<String, Object> edits(PaymentIntent pi, PaymentIntentParams.Update p) {
    Map<String, Object> set = new LinkedHashMap<>();
    if (p.amount() != null) {
      set.put("amount", p.amount());
    }
    if (p.currency() != null) {
      set.put("currency", p.currency());
    }
    if (p.customer() != null) {
      set.put("customer", p.customer());
    }
    if (p.captureMethod() != null) {
      set.put("capture_method", p.captureMethod());
    }
    if (p.setupFutureUsage() != null) {
      set.put("setup_future_usage", p.setupFutureUsage());
    }
    if (p.receiptEmail() != null) {
      set.put("receipt_email", p.receiptEmail());
    }
    set.put("description", p.description().applyTo(pi.description()));
    set.put("metadata", p.metadata().applyTo(pi.metadata()));
    return set;
  }

  ListPage list(Ctx ctx, PaymentIntentParams.ListFilter f) {
    return new ListQuery<>(TABLE.name(), "payment_intent", ctx.accountId(), TABLE.mapper())
        .whereEquals("customer", f.customer())
        .page(ctx.db(), f.page(), "/v1/payment_intents");
  }

  static Search<PaymentIntent> searchEngine() {
    Map<String, SearchField> fields =
        Map.ofEntries(
            Map.entry("amount", SearchField.numeric("amount")),
            Map.entry("created", SearchField.numeric("created")),
            Map.entry("currency", SearchField.token("currency")),
            Map.entry("customer", SearchField.token("customer")),
            Map.entry("status", SearchField.token("status")),
            Map.entry(
                "metadata[]",
                Search.metadata("payment_intent_metadata", "payment_intent_id", TABLE.name())));
    return new Search<>(TABLE.name(), "payment_intent", fields, ctx -> TABLE.mapper());
  }

  /** Captures the authorized charge, in full or in part ({@code amount_to_capture}). */
  PaymentIntent capture(Ctx ctx, String id, PaymentIntentParams.Capture p) {
    PaymentIntent pi = TABLE.findForUpdate(ctx, id).orElseThrow(() -> noSuch(id));
    if (pi.status() != IntentStatus.REQUIRES_CAPTURE) {
      throw unexpectedState(pi, "captured", List.of(IntentStatus.REQUIRES_CAPTURE));
    }
    long amount = p.amountToCapture() == null ? pi.amountCapturable() : p.amountToCapture();
    if (amount > pi.amountCapturable()) {
      throw Errors.invalid(
          "amount_too_large",
          "amount_to_capture",
          "The amount to capture ("
              + amount
              + ") cannot be greater than the amount capturable ("
              + pi.amountCapturable()
              + ").");
    }
    captures.capture(
        ctx, pi.latestCharge(), new ChargeParams.Capture(amount, null, null, null, null));
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("amount_capturable", 0L);
    set.put("amount_received", amount);
    set.put("metadata", p.metadata().applyTo(pi.metadata()));
    PaymentIntent captured =
        TABLE
            .transition(ctx, id, IntentStatus.REQUIRES_CAPTURE, IntentStatus.SUCCEEDED, set)
            .orElseThrow();
    ctx.emit("payment_intent.succeeded", captured);
    return captured;
  }

  /**
   * Raises an authorized intent's amount ({@code increment_authorization}): only for an intent in
   * {@code requires_capture} confirmed with {@code request_incremental_authorization=if_available}
   * (every Tally test card supports it then); the charge's authorization grows with it.
   */
  PaymentIntent incrementAuthorization(Ctx ctx, String id, PaymentIntentParams.Increment p) {
    PaymentIntent pi = TABLE.findForUpdate(ctx, id).orElseThrow(() -> noSuch(id));
    if (pi.status() != IntentStatus.REQUIRES_CAPTURE) {
      throw unexpectedState(pi, "incremented", List.of(IntentStatus.REQUIRES_CAPTURE));
    }
    if (!"if_available"
        .equals(
            pi.paymentMethodOptions()
                .path("card")
                .path("request_incremental_authorization")
                .asText())) {
      throw Errors.invalid(
          "payment_intent_unexpected_state",
          null,
          "This PaymentIntent is not eligible for incremental authorization: confirm it with"
              + " payment_method_options[card][request_incremental_authorization]=if_available.");
    }
    if (p.amount() <= pi.amount()) {
      throw Errors.invalid(
          "amount",
          "The amount must be greater than the PaymentIntent's current amount ("
              + pi.amount()
              + ").");
    }
    captures.incrementAuthorization(ctx, pi.latestCharge(), p.amount());
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("amount", p.amount());
    set.put("amount_capturable", p.amount());
    set.put("metadata", p.metadata().applyTo(pi.metadata()));
    if (p.description() != null) {
      set.put("description", p.description());
    }
    PaymentIntent raised = TABLE.set(ctx, id, set).orElseThrow();
    ctx.emit("payment_intent.amount_capturable_updated", raised);
    return raised;
  }

  PaymentIntent cancel(Ctx ctx, String id, PaymentIntentParams.Cancel p) {
    PaymentIntent pi = TABLE.findForUpdate(ctx, id).orElseThrow(() -> noSuch(id));
    if (!pi.status().cancelable()) {
      throw unexpectedState(
          pi,
          "canceled",
          List.of(
              IntentStatus.REQUIRES_PAYMENT_METHOD,
              IntentStatus.REQUIRES_CAPTURE,
              IntentStatus.REQUIRES_CONFIRMATION,
              IntentStatus.REQUIRES_ACTION,
              IntentStatus.PROCESSING));
    }
    if (pi.status() == IntentStatus.REQUIRES_CAPTURE) {
      captures.cancelAuthorization(ctx, pi.latestCharge());
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("canceled_at", ctx.now());
    set.put("cancellation_reason", p.reason());
    set.put("amount_capturable", 0L);
    set.put("next_action", null);
    set.put("authentication_token", null);
    PaymentIntent canceled =
        TABLE.transition(ctx, id, pi.status(), IntentStatus.CANCELED, set).orElseThrow();
    ctx.emit("payment_intent.canceled", canceled);
    return canceled;
  }

  /**
   * The intent's authorization expired uncaptured (seven days, on its customer's clock): the intent
   * is canceled, as Stripe's is, with {@code cancellation_reason} {@code automatic}.
   */
  void authorizationExpired(Ctx ctx, tally.charges.Charge charge) {
    if (charge.paymentIntent() == null) {
      return;
    }
    TABLE
        .findForUpdate(ctx, charge.paymentIntent())
        .filter(pi ->
            pi.status() == IntentStatus.REQUIRES_CAPTURE && charge.id().equals(pi.latestCharge()))
        .ifPresent(pi -> {
          Map<String, Object> set = new LinkedHashMap<>();
          set.put("canceled_at", ctx.now());
          set.put("cancellation_reason", "automatic");
          set.put("amount_capturable", 0L);
          TABLE
              .transition(ctx, pi.id(), IntentStatus.REQUIRES_CAPTURE, IntentStatus.CANCELED, set)
              .ifPresent(canceled -> ctx.emit("payment_intent.canceled", canceled));
        });
  }

  static ApiException unexpectedState(PaymentIntent pi, String verb, List<IntentStatus> allowed) {
    return Errors.invalid(
        "payment_intent_unexpected_state",
        null,
        "This PaymentIntent could not be "
            + verb
            + " because it has a status of "
            + pi.status().wire()
            + ". Only a PaymentIntent with one of the following statuses may be "
            + verb
            + ": "
            + String.join(", ", allowed.stream().map(IntentStatus::wire).toList())
            + ".");
  }
}
