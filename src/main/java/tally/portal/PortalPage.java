package tally.portal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.ListParams;
import tally.api.Params;
import tally.charges.Charge;
import tally.charges.ChargeParams;
import tally.charges.Charges;
import tally.charges.TestCards;
import tally.core.Money;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.pages.HtmlPage;
import tally.pages.Pages;

/**
 * The hosted portal at {@code /p/session/{token}}: the customer's details, cards and payments, and
 * the changes the configuration allows — made through the same services as the API.
 */
final class PortalPage {
  private final PortalSessions sessions;
  private final PortalConfigurations configurations;
  private final Customers customers;
  private final Charges charges;

  PortalPage(
      PortalSessions sessions,
      PortalConfigurations configurations,
      Customers customers,
      Charges charges) {
    this.sessions = sessions;
    this.configurations = configurations;
    this.customers = customers;
    this.charges = charges;
  }

  record ContactForm(String email, String name) {
    static ContactForm decode(Params p) {
      return new ContactForm(p.string("email"), p.string("name"));
    }
  }

  record CardForm(String number) {
    static CardForm decode(Params p) {
      return new CardForm(p.string("number"));
    }
  }

  /** A page request resolved to its session, acting as the session's account. */
  private record Visit(Ctx ctx, PortalSession session, PortalConfiguration config) {}

  private Optional<Visit> visit(Ctx ctx, String token) {
    Optional<String> account = sessions.accountOf(ctx, token);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    Ctx acting = ctx.forAccount(account.get());
    PortalSession session = sessions.byToken(acting, token).orElseThrow();
    return Optional.of(
        new Visit(acting, session, configurations.retrieve(acting, session.configuration())));
  }

  ApiObject show(Ctx ctx, String token, String error) {
    Optional<Visit> found = visit(ctx, token);
    if (found.isEmpty()) {
      return Pages.message(404, "Link not found", "This billing portal link is not valid.");
    }
    Visit v = found.get();
    if (v.session().expiresAt() <= v.ctx().now()) {
      return Pages.message(
          410,
          "Session expired",
          "This billing portal session has expired. Please request a new link.");
    }
    Optional<Customer> customer = customers.findLive(v.ctx(), v.session().customer());
    if (customer.isEmpty()) {
      return Pages.message(
          404, "Customer not found", "The customer of this session no longer exists.");
    }
    Map<String, Object> params = new HashMap<>();
    params.put(
        "headline", v.config().settings().path("business_profile").path("headline").textValue());
    params.put("email", customer.get().email());
    params.put("name", customer.get().name());
    params.put("editEmail", v.config().allowsUpdateOf("email"));
    params.put("editName", v.config().allowsUpdateOf("name"));
    params.put("addCard", v.config().enabled("payment_method_update"));
    params.put("history", v.config().enabled("invoice_history"));
    params.put("cards", cards(v));
    params.put("charges", charges(v));
    params.put("returnUrl", v.session().returnUrl());
    params.put("action", "/p/session/" + token);
    params.put("error", error);
    return HtmlPage.status(error == null ? 200 : 400, Pages.render("portal.jte", params));
  }

  private List<Map<String, String>> cards(Visit v) {
    List<Map<String, String>> out = new ArrayList<>();
    for (var card : customers.cards(v.ctx(), v.session().customer())) {
      out.add(
          Map.of(
              "brand", card.path("brand").asText(),
              "last4", card.path("last4").asText(),
              "exp", card.path("exp_month").asText() + "/" + card.path("exp_year").asText()));
    }
    return out;
  }

  private List<Map<String, String>> charges(Visit v) {
    List<Map<String, String>> out = new ArrayList<>();
    var page =
        charges.list(
            v.ctx(),
            new ChargeParams.ListFilter(
                new ListParams(10, null, null, ListParams.Range.ANY),
                v.session().customer(),
                null,
                null));
    for (var item : page.data()) {
      Charge c = (Charge) item;
      out.add(
          Map.of(
              "amount", Money.format(c.amount(), c.currency()),
              "status", c.status(),
              "description", c.description() == null ? "" : c.description()));
    }
    return out;
  }

  ApiObject updateContact(Ctx ctx, String token, ContactForm form) {
    Optional<Visit> found = visit(ctx, token);
    if (found.isEmpty() || found.get().session().expiresAt() <= found.get().ctx().now()) {
      return show(ctx, token, null);
    }
    Visit v = found.get();
    customers.updateContact(
        v.ctx(),
        v.session().customer(),
        v.config().allowsUpdateOf("email") ? form.email() : null,
        v.config().allowsUpdateOf("name") ? form.name() : null);
    return HtmlPage.seeOther("/p/session/" + token);
  }

  ApiObject addCard(Ctx ctx, String token, CardForm form) {
    Optional<Visit> found = visit(ctx, token);
    if (found.isEmpty()
        || found.get().session().expiresAt() <= found.get().ctx().now()
        || !found.get().config().enabled("payment_method_update")) {
      return show(ctx, token, null);
    }
    String cardToken = TestCards.tokenForNumber(form.number());
    if (cardToken == null) {
      return show(
          ctx, token, "That is not a test card number Tally knows, e.g. 4242 4242 4242 4242.");
    }
    try {
      customers.attachCard(found.get().ctx(), found.get().session().customer(), cardToken);
    } catch (tally.api.ApiException e) {
      return show(ctx, token, e.error().message());
    }
    return HtmlPage.seeOther("/p/session/" + token);
  }
}
