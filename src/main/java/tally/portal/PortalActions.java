package tally.portal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tally.api.ApiException;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Params;
import tally.charges.TestCards;
import tally.customers.Customers;
import tally.pages.HtmlPage;
import tally.payments.CardPayments;
import tally.subscriptions.CustomerSubscriptions;
import tally.subscriptions.CustomerSubscriptions.Summary;

/**
 * What the customer does on the portal page: cancel or change a subscription, confirm a proposed
 * change, put in a new card. Each goes through the owning feature's facade, checked by {@link
 * PortalRules} as a flow would be; a flow's own action then ends as its {@code after_completion}
 * says.
 */
final class PortalActions {
  private final PortalPage page;
  private final PortalRules rules;
  private final CustomerSubscriptions subscriptions;
  private final CardPayments cards;
  private final Customers customers;
  private final Supplier<String> publicUrl;

  PortalActions(
      PortalPage page,
      PortalRules rules,
      CustomerSubscriptions subscriptions,
      CardPayments cards,
      Customers customers,
      Supplier<String> publicUrl) {
    this.page = page;
    this.rules = rules;
    this.subscriptions = subscriptions;
    this.cards = cards;
    this.customers = customers;
    this.publicUrl = publicUrl;
  }

  record CancelForm(String feedback, String comment) {
    static CancelForm decode(Params p) {
      return new CancelForm(p.string("feedback"), p.string("comment", 500));
    }
  }

  record UpdateForm(String item, String price, String quantity) {
    static UpdateForm decode(Params p) {
      return new UpdateForm(p.string("item"), p.string("price"), p.string("quantity"));
    }
  }

  record CardForm(String number) {
    static CardForm decode(Params p) {
      return new CardForm(p.string("number"));
    }
  }

  /** What the 3-D Secure page appends to the return URL, as Stripe's redirect does. */
  record Authenticated(String setupIntent, String clientSecret) {
    static Authenticated decode(Params p) {
      p.raw("redirect_status"); // the intent itself says how it went
      return new Authenticated(p.string("setup_intent"), p.string("setup_intent_client_secret"));
    }
  }

  ApiObject cancel(Ctx ctx, String token, String subscription, CancelForm form) {
    Optional<PortalPage.Visit> found = page.visit(ctx, token);
    if (found.isEmpty()) {
      return page.show(ctx, token, null);
    }
    PortalPage.Visit v = found.get();
    PortalConfiguration config = v.config();
    try {
      Summary sub = rules.owned(v.ctx(), v.session().customer(), subscription, "subscription");
      rules.cancellable(config, sub, "subscription");
      String feedback = form.feedback();
      if (feedback != null && !config.cancellationReasons().contains(feedback)) {
        return refused(ctx, token, v, "Choose one of the reasons offered.");
      }
      var why = new CustomerSubscriptions.Cancellation(feedback, form.comment());
      if (config.cancelMode().equals("immediately")) {
        subscriptions.cancelNow(v.ctx(), subscription, config.cancelProration(), why);
      } else {
        subscriptions.cancelAtPeriodEnd(v.ctx(), subscription, why);
      }
    } catch (ApiException e) {
      return refused(ctx, token, v, e.error().message());
    }
    return finished(v, "subscription_cancel", subscription);
  }

  ApiObject update(Ctx ctx, String token, String subscription, UpdateForm form) {
    Optional<PortalPage.Visit> found = page.visit(ctx, token);
    if (found.isEmpty()) {
      return page.show(ctx, token, null);
    }
    PortalPage.Visit v = found.get();
    Long quantity;
    try {
      quantity = form.quantity() == null ? null : Long.parseLong(form.quantity().strip());
    } catch (NumberFormatException e) {
      return refused(ctx, token, v, "Enter the quantity as a whole number.");
    }
    if (form.item() == null) {
      return refused(ctx, token, v, "Choose the plan to change.");
    }
    return change(
        ctx,
        token,
        v,
        subscription,
        List.of(new PortalFlow.ItemChange(form.item(), form.price(), quantity)),
        "subscription_update");
  }

  /** Confirms the change a {@code subscription_update_confirm} flow proposed. */
  ApiObject confirm(Ctx ctx, String token, String subscription) {
    Optional<PortalPage.Visit> found = page.visit(ctx, token);
    if (found.isEmpty()) {
      return page.show(ctx, token, null);
    }
    PortalPage.Visit v = found.get();
    PortalFlow flow = v.flow();
    if (flow == null
        || !flow.type().equals("subscription_update_confirm")
        || !subscription.equals(flow.subscription())) {
      return refused(ctx, token, v, "There is no change to confirm for this subscription.");
    }
    return change(ctx, token, v, subscription, flow.items(), "subscription_update_confirm");
  }

  private ApiObject change(
      Ctx ctx,
      String token,
      PortalPage.Visit v,
      String subscription,
      List<PortalFlow.ItemChange> changes,
      String flowType) {
    PortalConfiguration config = v.config();
    try {
      Summary sub = rules.owned(v.ctx(), v.session().customer(), subscription, "subscription");
      rules.updatable(config, sub, "subscription");
      boolean any = false;
      for (PortalFlow.ItemChange change : changes) {
        any |= rules.changes(config, sub, change, "items");
      }
      if (!any) {
        return refused(ctx, token, v, PortalRules.NO_CHANGES);
      }
      // A trial is free: changing it prorates nothing.
      boolean trialing = sub.status().equals("trialing");
      String proration = trialing ? "none" : config.updateProration();
      for (PortalFlow.ItemChange change : changes) {
        subscriptions.changeItem(
            v.ctx(), subscription, change.id(), change.price(), change.quantity(), proration);
      }
      if (trialing && config.endsTrialOnUpdate()) {
        subscriptions.endTrial(v.ctx(), subscription);
      } else if (config.restartsCycle()) {
        subscriptions.restartCycle(v.ctx(), subscription, proration);
      }
    } catch (ApiException e) {
      return refused(ctx, token, v, e.error().message());
    }
    return finished(v, flowType, subscription);
  }

  /**
   * A new card, saved on the customer through a SetupIntent and made the default for invoices. A
   * card that asks for 3-D Secure sends the customer to the authentication page, which comes back
   * to {@link #authenticated}.
   */
  ApiObject paymentMethod(Ctx ctx, String token, CardForm form) {
    Optional<PortalPage.Visit> found = page.visit(ctx, token);
    if (found.isEmpty() || !found.get().config().enabled("payment_method_update")) {
      return page.show(ctx, token, null);
    }
    PortalPage.Visit v = found.get();
    String cardToken = TestCards.tokenForNumber(form.number());
    if (cardToken == null) {
      return refused(
          ctx, token, v, "That is not a test card number Tally knows, e.g. 4242 4242 4242 4242.");
    }
    String returnUrl = publicUrl.get() + v.home() + "/payment_methods/return";
    return saved(
        ctx,
        token,
        v,
        cards.saveCardThroughSetup(v.ctx(), v.session().customer(), cardToken, returnUrl));
  }

  /** Back from 3-D Secure: the SetupIntent the redirect names says whether the card was saved. */
  ApiObject authenticated(Ctx ctx, String token, Authenticated back) {
    Optional<PortalPage.Visit> found = page.visit(ctx, token);
    if (found.isEmpty() || !found.get().config().enabled("payment_method_update")) {
      return page.show(ctx, token, null);
    }
    PortalPage.Visit v = found.get();
    return cards
        .savedThroughSetup(v.ctx(), v.session().customer(), back.setupIntent(), back.clientSecret())
        .map(saved -> saved(ctx, token, v, saved))
        .orElseGet(() -> refused(ctx, token, v, "That card was not saved: add it again."));
  }

  private ApiObject saved(Ctx ctx, String token, PortalPage.Visit v, CardPayments.Saved saved) {
    CardPayments.Outcome outcome = saved.outcome();
    if (outcome.done()) {
      customers.setDefaultPaymentMethod(v.ctx(), v.session().customer(), saved.paymentMethod());
      return finished(v, "payment_method_update", null);
    }
    if (outcome.authenticationUrl() != null && !outcome.authenticationUrl().isEmpty()) {
      return HtmlPage.seeOther(outcome.authenticationUrl());
    }
    String why = outcome.declined() != null ? outcome.declined() : "This card could not be saved.";
    return page.render(ctx, token, mode(v), why, 402);
  }

  /** One of the customer's cards becomes the default for invoices. */
  ApiObject makeDefault(Ctx ctx, String token, String paymentMethod) {
    Optional<PortalPage.Visit> found = page.visit(ctx, token);
    if (found.isEmpty() || !found.get().config().enabled("payment_method_update")) {
      return page.show(ctx, token, null);
    }
    PortalPage.Visit v = found.get();
    try {
      customers.setDefaultPaymentMethod(v.ctx(), v.session().customer(), paymentMethod);
    } catch (ApiException e) {
      return refused(ctx, token, v, "That card is not one of yours.");
    }
    return HtmlPage.seeOther(v.home() + (v.flow() == null ? "" : "/home"));
  }

  /**
   * Removes one of the customer's cards. As in Stripe's portal, the card that pays active
   * subscriptions stays until another is the default.
   */
  ApiObject remove(Ctx ctx, String token, String paymentMethod) {
    Optional<PortalPage.Visit> found = page.visit(ctx, token);
    if (found.isEmpty() || !found.get().config().enabled("payment_method_update")) {
      return page.show(ctx, token, null);
    }
    PortalPage.Visit v = found.get();
    String customer = v.session().customer();
    boolean paysSubscriptions =
        customers.defaultPaymentMethod(v.ctx(), customer).filter(paymentMethod::equals).isPresent()
            && !subscriptions.current(v.ctx(), customer).isEmpty();
    if (paysSubscriptions) {
      return refused(
          ctx, token, v, "This card pays your subscriptions: add another card before removing it.");
    }
    if (!cards.remove(v.ctx(), customer, paymentMethod)) {
      return refused(ctx, token, v, "That card is not one of yours.");
    }
    return HtmlPage.seeOther(v.home() + (v.flow() == null ? "" : "/home"));
  }

  /** A refusal, shown on the page the customer came from. */
  private ApiObject refused(Ctx ctx, String token, PortalPage.Visit v, String message) {
    return page.render(ctx, token, mode(v), message);
  }

  private static String mode(PortalPage.Visit v) {
    PortalFlow flow = v.flow();
    return flow == null ? "home" : flow.type();
  }

  /**
   * Where the customer goes after an action: a flow's own action ends as {@code after_completion}
   * says; anything else returns to the page.
   */
  private static ApiObject finished(PortalPage.Visit v, String type, String subscription) {
    PortalFlow flow = v.flow();
    boolean flowsOwn =
        flow != null
            && (flow.type().equals(type)
                || (type.equals("subscription_update")
                    && flow.type().equals("subscription_update_confirm")))
            && (subscription == null || subscription.equals(flow.subscription()));
    if (!flowsOwn) {
      return HtmlPage.seeOther(v.home() + (flow == null ? "" : "/home"));
    }
    return switch (flow.after().type()) {
      case "redirect" -> HtmlPage.seeOther(flow.after().returnUrl());
      case "hosted_confirmation" -> HtmlPage.seeOther(v.home() + "/done");
      default -> HtmlPage.seeOther(v.home() + "/home");
    };
  }
}
