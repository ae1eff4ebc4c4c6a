package tally.payments;

import java.util.Map;
import java.util.Optional;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.charges.Cards;
import tally.charges.TestCards;
import tally.core.Ids;
import tally.customers.Customers;
import tally.store.Table;

/**
 * Card PaymentMethods from test tokens and Stripe's test PaymentMethod ids ({@code pm_card_visa}
 * becomes a new {@code pm_…} each time it is used, as on Stripe), attached to and detached from
 * customers.
 */
public final class PaymentMethods {
  static final Table<PaymentMethod> TABLE = Table.of("payment_methods", PaymentMethod.class);

  private final Customers customers;

  PaymentMethods(Customers customers) {
    this.customers = customers;
  }

  PaymentMethod create(Ctx ctx, PaymentMethodParams.Create p) {
    if (p.paymentMethod() != null) {
      // Cloning a customer's method (a Connect flow) is not supported; a test id is.
      PaymentMethod pm = usable(ctx, p.paymentMethod(), "payment_method");
      return p.customer() == null ? pm : attach(ctx, pm.id(), p.customer());
    }
    // As Stripe's: a declining card makes a PaymentMethod; the decline comes when it is used.
    if (TestCards.byToken(p.token()) == null) {
      throw Errors.noSuch("token", p.token(), "card[token]");
    }
    PaymentMethod pm =
        insert(
            ctx, p.token(), p.billingDetails(), p.metadata().applyTo(Map.of()), p.allowRedisplay());
    return p.customer() == null ? pm : attach(ctx, pm.id(), p.customer());
  }

  private PaymentMethod insert(
      Ctx ctx,
      String token,
      com.fasterxml.jackson.databind.JsonNode billing,
      Map<String, String> metadata,
      String allowRedisplay) {
    long now = ctx.now();
    return TABLE.insert(
        ctx,
        new PaymentMethod(
            Ids.newId("pm_"),
            now,
            "card",
            null,
            billing == null ? PaymentMethodParams.noBillingDetails() : billing,
            metadata,
            allowRedisplay == null ? "unspecified" : allowRedisplay,
            Cards.paymentMethodCard(ctx.accountId(), token, now),
            token,
            false,
            false));
  }

  /**
   * The PaymentMethod an intent will use: a stored one, or a new one for a test id such as {@code
   * pm_card_visa}. Unknown ids are Stripe's 404 naming {@code param}. The row stays locked, so two
   * intents never both spend a method that may be used once.
   */
  PaymentMethod usable(Ctx ctx, String id, String param) {
    String token = TestCards.tokenForTestPaymentMethod(id);
    if (token != null) {
      return insert(ctx, token, null, Map.of(), null);
    }
    return TABLE
        .findForUpdate(ctx, id)
        .orElseThrow(() -> Errors.noSuch("PaymentMethod", id, param));
  }

  Optional<PaymentMethod> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }

  PaymentMethod retrieve(Ctx ctx, String id) {
    String token = TestCards.tokenForTestPaymentMethod(id);
    if (token != null) {
      return insert(ctx, token, null, Map.of(), null);
    }
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("PaymentMethod", id, "payment_method"));
  }

  PaymentMethod update(Ctx ctx, String id, PaymentMethodParams.Update p) {
    var updated =
        TABLE
            .update(
                ctx,
                id,
                pm -> {
                  Map<String, Object> set = new java.util.LinkedHashMap<>();
                  set.put("metadata", p.metadata().applyTo(pm.metadata()));
                  if (p.billingDetails() != null) {
                    set.put("billing_details", p.billingDetails());
                  }
                  if (p.allowRedisplay() != null) {
                    set.put("allow_redisplay", p.allowRedisplay());
                  }
                  return set;
                })
            .orElseThrow(() -> Errors.noSuch("PaymentMethod", id, "payment_method"));
    return ctx.emitUpdate("payment_method.updated", updated);
  }

  /**
   * Attaches to {@code customerId}; a method on another customer, or consumed, is refused. A test
   * id such as {@code pm_card_visa} attaches a new method, as on Stripe.
   */
  PaymentMethod attach(Ctx ctx, String id, String customerId) {
    if (customers.findLive(ctx, customerId).isEmpty()) {
      throw Errors.noSuch("customer", customerId, "customer");
    }
    String token = TestCards.tokenForTestPaymentMethod(id);
    String stored = token == null ? id : insert(ctx, token, null, Map.of(), null).id();
    PaymentMethod pm =
        TABLE
            .findForUpdate(ctx, stored)
            .orElseThrow(() -> Errors.noSuch("PaymentMethod", id, "payment_method"));
    if (customerId.equals(pm.customer())) {
      return pm;
    }
    if (pm.customer() != null) {
      throw Errors.invalid(
          "payment_method_unexpected_state",
          null,
          "The payment method you provided has already been attached to a customer.");
    }
    refuseConsumed(pm);
    Cards.checkAttachable(pm.token(), "payment_method");
    PaymentMethod attached =
        TABLE
            .setWhere(ctx, stored, Map.of("consumed", false), Map.of("customer", customerId))
            .orElseThrow();
    ctx.emit("payment_method.attached", attached);
    return attached;
  }

  /** Detaching makes the method unusable for good (Stripe: it may not be used again). */
  PaymentMethod detach(Ctx ctx, String id) {
    PaymentMethod pm =
        TABLE
            .findForUpdate(ctx, id)
            .orElseThrow(() -> Errors.noSuch("PaymentMethod", id, "payment_method"));
    if (pm.customer() == null) {
      throw Errors.invalid(
          "payment_method_unexpected_state",
          null,
          "The payment method you provided is not attached to a customer so detachment is"
              + " impossible.");
    }
    Map<String, Object> set = new java.util.HashMap<>();
    set.put("customer", null);
    set.put("consumed", true);
    PaymentMethod detached = TABLE.set(ctx, id, set).orElseThrow();
    customers.forgetPaymentMethod(ctx, pm.customer(), id);
    ctx.emit("payment_method.detached", detached);
    return detached;
  }

  /** A method used once without a customer may not be used again. */
  void consume(Ctx ctx, String id) {
    TABLE.set(ctx, id, Map.of("consumed", true));
  }

  /** Remembers that the cardholder authenticated this method (3-D Secure on setup). */
  void markAuthenticated(Ctx ctx, String id) {
    TABLE.set(ctx, id, Map.of("authenticated", true));
  }

  static void refuseConsumed(PaymentMethod pm) {
    if (pm.consumed()) {
      throw new ApiException(
          new ApiError.InvalidRequest(
              "payment_method_unexpected_state",
              "payment_method",
              "The provided PaymentMethod was previously used with a PaymentIntent without"
                  + " Customer attachment, shared with a connected account without Customer"
                  + " attachment, or was detached from a Customer. It may not be used again. To"
                  + " use a PaymentMethod multiple times, you must attach it to a Customer first."));
    }
  }

  ListPage list(Ctx ctx, PaymentMethodParams.ListFilter f, String customer, String url) {
    String owner = customer != null ? customer : f.customer();
    if (owner != null && customers.findLive(ctx, owner).isEmpty()) {
      throw Errors.noSuch("customer", owner, "customer");
    }
    return new ListQuery<>(TABLE.name(), "payment_method", ctx.accountId(), TABLE.mapper())
        .whereEquals("customer", owner)
        .whereEquals("type", f.type())
        .page(ctx.db(), f.page(), url);
  }

  /** {@code GET /v1/customers/{customer}/payment_methods/{id}}: only the customer's own. */
  PaymentMethod retrieveForCustomer(Ctx ctx, String customer, String id) {
    if (customers.findLive(ctx, customer).isEmpty()) {
      throw Errors.noSuch("customer", customer, "customer");
    }
    return find(ctx, id)
        .filter(pm -> customer.equals(pm.customer()))
        .orElseThrow(() -> Errors.noSuch("PaymentMethod", id, "payment_method"));
  }

  /** The customer's methods, newest first. */
  java.util.List<PaymentMethod> ofCustomer(Ctx ctx, String customer) {
    return ctx.db()
        .createQuery(
            "SELECT * FROM payment_methods WHERE account_id = ? AND customer = ?"
                + " ORDER BY created DESC, id DESC")
        .bind(0, ctx.accountId())
        .bind(1, customer)
        .map(TABLE.mapper())
        .list();
  }

  /** Whether the customer holds this method (customers check their default payment method). */
  boolean isAttached(Ctx ctx, String customer, String id) {
    return find(ctx, id).map(pm -> customer.equals(pm.customer())).orElse(false);
  }
}
