package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Metadata;

/**
 * What hosted pages (Checkout) use to take a card: a PaymentIntent or SetupIntent made and
 * confirmed as the API would, with the card typed on the page as a new PaymentMethod.
 */
public final class CardPayments {
  private final PaymentMethods methods;
  private final PaymentIntents intents;
  private final Confirmations confirmations;
  private final SetupIntents setups;

  CardPayments(
      PaymentMethods methods,
      PaymentIntents intents,
      Confirmations confirmations,
      SetupIntents setups) {
    this.methods = methods;
    this.intents = intents;
    this.confirmations = confirmations;
    this.setups = setups;
  }

  /**
   * A payment asked for by a page. {@code intentId}, when given, is the page's earlier intent
   * (declined or abandoned at 3-D Secure): it is confirmed again with the new card, as Stripe keeps
   * one PaymentIntent per Checkout Session.
   */
  public record Payment(
      long amount,
      String currency,
      String customer,
      String token,
      JsonNode billingDetails,
      String description,
      Map<String, String> metadata,
      boolean manualCapture,
      String setupFutureUsage,
      String receiptEmail,
      String returnUrl,
      String intentId) {}

  /**
   * Where the intent stands: paid (or set up), waiting for the cardholder at {@code
   * authenticationUrl}, or declined with a message for the payer.
   */
  public record Outcome(String intentId, boolean done, String authenticationUrl, String declined) {}

  public Outcome pay(Ctx ctx, Payment p) {
    PaymentMethod pm = newMethod(ctx, p.token(), p.billingDetails());
    PaymentIntent earlier =
        p.intentId() == null ? null : intents.find(ctx, p.intentId()).orElse(null);
    PaymentIntent pi =
        earlier != null && earlier.status().confirmable()
            ? earlier
            : newIntent(
                ctx,
                p.amount(),
                p.currency(),
                p.customer(),
                pm.id(),
                p.manualCapture() ? "manual" : "automatic_async",
                p.setupFutureUsage(),
                p.description(),
                p.receiptEmail(),
                p.metadata());
    return confirm(
        ctx,
        pi,
        new PaymentIntentParams.Confirm(
            null, pm.id(), p.returnUrl(), false, null, null, null, false, false));
  }

  /**
   * The card typed on a page, saved on {@code customer} as a new PaymentMethod (Checkout's
   * subscription mode keeps it as the subscription's default). Returns its id.
   */
  public String saveCard(Ctx ctx, String customer, String token, JsonNode billingDetails) {
    return methods
        .create(
            ctx,
            new PaymentMethodParams.Create(
                token, null, customer, billingDetails, Metadata.NONE, null))
        .id();
  }

  /**
   * Pays with a customer's saved PaymentMethod while the cardholder is on the page, so a card that
   * asks for 3-D Secure is sent to authenticate. The card is kept for off-session use (the
   * subscription's renewals). {@code intentId}, when given and still confirmable, is confirmed
   * again instead of making a new intent.
   */
  public Outcome payOnSession(
      Ctx ctx,
      String customer,
      String paymentMethod,
      long amount,
      String currency,
      String description,
      String returnUrl,
      String intentId) {
    PaymentIntent earlier = intentId == null ? null : intents.find(ctx, intentId).orElse(null);
    PaymentIntent pi =
        earlier != null && earlier.status().confirmable()
            ? earlier
            : newIntent(
                ctx,
                amount,
                currency,
                customer,
                paymentMethod,
                "automatic_async",
                "off_session",
                description,
                null,
                Map.of());
    return confirm(
        ctx,
        pi,
        new PaymentIntentParams.Confirm(
            null, paymentMethod, returnUrl, false, null, null, null, false, false));
  }

  /**
   * Charges a customer's saved PaymentMethod off session (an invoice paying itself): the intent
   * paid, or declined with the reason.
   */
  public Outcome chargeSaved(
      Ctx ctx,
      String customer,
      String paymentMethod,
      long amount,
      String currency,
      String description,
      Map<String, String> metadata) {
    PaymentIntent pi =
        newIntent(
            ctx,
            amount,
            currency,
            customer,
            paymentMethod,
            "automatic_async",
            null,
            description,
            null,
            metadata);
    return confirm(
        ctx,
        pi,
        new PaymentIntentParams.Confirm(null, null, null, true, null, null, null, false, false));
  }

  /** A card-only intent as the API would create it, not yet confirmed. */
  private PaymentIntent newIntent(
      Ctx ctx,
      long amount,
      String currency,
      String customer,
      String paymentMethod,
      String captureMethod,
      String setupFutureUsage,
      String description,
      String receiptEmail,
      Map<String, String> metadata) {
    return intents.create(
        ctx,
        new PaymentIntentParams.Create(
            amount,
            currency,
            customer,
            paymentMethod,
            captureMethod,
            "automatic",
            setupFutureUsage,
            description,
            receiptEmail,
            null,
            null,
            new Metadata(false, metadata),
            List.of("card"),
            null,
            PaymentIntentParams.cardOptions(),
            false,
            null));
  }

  /** Confirms as the API would; a decline is an outcome here, not an error. */
  private Outcome confirm(Ctx ctx, PaymentIntent pi, PaymentIntentParams.Confirm c) {
    try {
      return outcome(confirmations.confirm(ctx, pi.id(), c));
    } catch (ApiException declined) {
      return new Outcome(pi.id(), false, null, declined.error().message());
    }
  }

  /** A card to save, asked for by a page (setup mode). */
  public record Setup(
      String customer,
      String token,
      JsonNode billingDetails,
      String description,
      Map<String, String> metadata,
      String returnUrl) {}

  /** Saves the card on the customer (if any), authenticating it first if it asks. */
  public Outcome setUp(Ctx ctx, Setup p) {
    return save(ctx, p).outcome();
  }

  /** A card saved on a customer, as a hosted page lists it. */
  public record SavedCard(String id, String brand, String last4, int expMonth, int expYear) {}

  /** What saving a card came to, and the PaymentMethod it made. */
  public record Saved(String paymentMethod, Outcome outcome) {}

  /** Saves a card typed on a hosted page (the portal) on the customer, through a SetupIntent. */
  public Saved saveCardThroughSetup(Ctx ctx, String customer, String token, String returnUrl) {
    return save(ctx, new Setup(customer, token, null, null, Map.of(), returnUrl));
  }

  /**
   * A card {@code customer} was saving through {@link #saveCardThroughSetup}, back from 3-D Secure:
   * the SetupIntent the redirect names, if it is that customer's and the redirect carries its
   * client secret (as Stripe's does), so no other intent can be passed off as it.
   */
  public Optional<Saved> savedThroughSetup(
      Ctx ctx, String customer, String setupIntentId, String clientSecret) {
    if (setupIntentId == null || clientSecret == null) {
      return Optional.empty();
    }
    return setups
        .find(ctx, setupIntentId)
        .filter(si -> customer.equals(si.customer()))
        .filter(si ->
            java.security.MessageDigest.isEqual(
                si.clientSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                clientSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .map(si -> new Saved(si.paymentMethod(), setupOutcome(si)));
  }

  /** The customer's card PaymentMethods, newest first. */
  public List<SavedCard> savedCards(Ctx ctx, String customer) {
    return methods.ofCustomer(ctx, customer).stream()
        .map(pm ->
            new SavedCard(
                pm.id(),
                pm.card().path("brand").asText(),
                pm.card().path("last4").asText(),
                pm.card().path("exp_month").asInt(),
                pm.card().path("exp_year").asInt()))
        .toList();
  }

  /** Detaches one of the customer's PaymentMethods (a customer removing a card on a page). */
  public boolean remove(Ctx ctx, String customer, String paymentMethod) {
    if (!methods.isAttached(ctx, customer, paymentMethod)) {
      return false;
    }
    methods.detach(ctx, paymentMethod);
    return true;
  }

  private Saved save(Ctx ctx, Setup p) {
    String returnUrl = p.returnUrl();
    PaymentMethod pm = newMethod(ctx, p.token(), p.billingDetails());
    SetupIntent si =
        setups.create(
            ctx,
            new SetupIntentParams.Create(
                p.customer(),
                pm.id(),
                "off_session",
                p.description(),
                new Metadata(false, p.metadata()),
                List.of("card"),
                null,
                false,
                null));
    try {
      si = setups.confirm(ctx, si.id(), new SetupIntentParams.Confirm(null, null, returnUrl));
    } catch (ApiException declined) {
      return new Saved(pm.id(), new Outcome(si.id(), false, null, declined.error().message()));
    }
    return new Saved(pm.id(), setupOutcome(si));
  }

  private static Outcome setupOutcome(SetupIntent si) {
    return new Outcome(
        si.id(),
        si.status() == IntentStatus.SUCCEEDED,
        si.status() == IntentStatus.REQUIRES_ACTION ? url(si.nextAction()) : null,
        failure(si.lastSetupError()));
  }

  /**
   * The page's intent is abandoned (its session expired): one still waiting for a card or for 3-D
   * Secure is canceled, so it can no longer pay; one already paid or authorized is left alone.
   */
  public void abandon(Ctx ctx, String intentId) {
    if (intentId.startsWith("seti_")) {
      setups
          .find(ctx, intentId)
          .filter(si -> si.status().confirmable())
          .ifPresent(si -> setups.cancel(ctx, si.id(), new SetupIntentParams.Cancel("abandoned")));
      return;
    }
    intents
        .find(ctx, intentId)
        .filter(pi -> pi.status().confirmable())
        .ifPresent(pi -> intents.cancel(ctx, pi.id(), new PaymentIntentParams.Cancel("abandoned")));
  }

  /** The intent ({@code pi_} or {@code seti_}) as it stands now, e.g. back from 3-D Secure. */
  public Optional<Outcome> outcome(Ctx ctx, String intentId) {
    if (intentId.startsWith("seti_")) {
      return setups
          .find(ctx, intentId)
          .map(si ->
              new Outcome(
                  si.id(),
                  si.status() == IntentStatus.SUCCEEDED,
                  null,
                  failure(si.lastSetupError())));
    }
    return intents.find(ctx, intentId).map(CardPayments::outcome);
  }

  /** The PaymentMethod a SetupIntent saved (e.g. for a subscription that starts with a trial). */
  public Optional<String> savedMethod(Ctx ctx, String setupIntentId) {
    return setups
        .find(ctx, setupIntentId)
        .filter(si -> si.status() == IntentStatus.SUCCEEDED)
        .map(SetupIntent::paymentMethod);
  }

  private static Outcome outcome(PaymentIntent pi) {
    boolean done =
        pi.status() == IntentStatus.SUCCEEDED || pi.status() == IntentStatus.REQUIRES_CAPTURE;
    String wait = pi.status() == IntentStatus.REQUIRES_ACTION ? url(pi.nextAction()) : null;
    return new Outcome(pi.id(), done, wait, failure(pi.lastPaymentError()));
  }

  private static String failure(JsonNode error) {
    return error == null || error.isNull() ? null : error.path("message").asText();
  }

  private static String url(JsonNode nextAction) {
    JsonNode redirect = nextAction.path("redirect_to_url").path("url");
    return redirect.isTextual()
        ? redirect.asText()
        : nextAction.path("use_stripe_sdk").path("stripe_js").asText();
  }

  private PaymentMethod newMethod(Ctx ctx, String token, JsonNode billingDetails) {
    return methods.create(
        ctx,
        new PaymentMethodParams.Create(token, null, null, billingDetails, Metadata.NONE, null));
  }
}
