package tally.portal;

import java.util.Map;
import java.util.Optional;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Params;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.pages.HtmlPage;
import tally.pages.Pages;

/**
 * The hosted portal at {@code /p/session/{token}}: the customer's details, subscriptions, payment
 * methods and invoices, with the changes the configuration allows — made through the same services
 * as the API. A session with a flow shows only the flow's action there; {@code /home} is the whole
 * portal and {@code /done} the confirmation after a flow.
 */
final class PortalPage {
  private final PortalSessions sessions;
  private final PortalConfigurations configurations;
  private final Customers customers;
  private final PortalView view;

  PortalPage(
      PortalSessions sessions,
      PortalConfigurations configurations,
      Customers customers,
      PortalView view) {
    this.sessions = sessions;
    this.configurations = configurations;
    this.customers = customers;
    this.view = view;
  }

  record ContactForm(String email, String name) {
    static ContactForm decode(Params p) {
      return new ContactForm(p.string("email"), p.string("name"));
    }
  }

  /** A page request resolved to its session, acting as the session's account. */
  record Visit(Ctx ctx, PortalSession session, PortalConfiguration config) {
    PortalFlow flow() {
      return PortalFlow.of(session.flow());
    }

    String home() {
      return "/p/session/" + session.token();
    }
  }

  /** The session of a live (unexpired) link, if the token names one. */
  Optional<Visit> visit(Ctx ctx, String token) {
    Optional<String> account = sessions.accountOf(ctx, token);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    Ctx acting = ctx.forAccount(account.get());
    PortalSession session = sessions.byToken(acting, token).orElseThrow();
    if (session.expiresAt() <= acting.now()) {
      return Optional.empty();
    }
    return Optional.of(
        new Visit(acting, session, configurations.retrieve(acting, session.configuration())));
  }

  /** The link's page: its flow's action, or the whole portal. */
  ApiObject show(Ctx ctx, String token, String error) {
    return render(ctx, token, null, error);
  }

  ApiObject home(Ctx ctx, String token) {
    return render(ctx, token, "home", null);
  }

  /** After a flow with {@code after_completion.type=hosted_confirmation}. */
  ApiObject done(Ctx ctx, String token) {
    return render(ctx, token, "done", null);
  }

  ApiObject render(Ctx ctx, String token, String mode, String error) {
    return render(ctx, token, mode, error, 400);
  }

  /** The page in {@code mode} (null: the link's own), with an error answered as {@code status}. */
  ApiObject render(Ctx ctx, String token, String mode, String error, int status) {
    Optional<String> account = sessions.accountOf(ctx, token);
    if (account.isEmpty()) {
      return Pages.message(404, "Link not found", "This billing portal link is not valid.");
    }
    Optional<Visit> found = visit(ctx, token);
    if (found.isEmpty()) {
      return Pages.message(
          410,
          "Session expired",
          "This billing portal session has expired. Please request a new link.");
    }
    Visit v = found.get();
    Optional<Customer> customer = customers.findLive(v.ctx(), v.session().customer());
    if (customer.isEmpty()) {
      return Pages.message(
          404, "Customer not found", "The customer of this session no longer exists.");
    }
    PortalFlow flow = v.flow();
    String shown = mode != null ? mode : flow == null ? "home" : flow.type();
    Map<String, Object> params = view.model(v, customer.get(), shown, error);
    if (shown.equals("done")) {
      params.put("confirmation", confirmation(v));
    }
    return HtmlPage.status(error == null ? 200 : status, Pages.render("portal.jte", params));
  }

  private static String confirmation(Visit v) {
    PortalFlow flow = v.flow();
    if (flow == null) {
      return "Your changes have been saved.";
    }
    if (flow.after().customMessage() != null) {
      return flow.after().customMessage();
    }
    return switch (flow.type()) {
      case "payment_method_update" -> "Your payment method has been updated.";
      case "subscription_cancel" -> "Your subscription has been canceled.";
      default -> "Your subscription has been updated.";
    };
  }

  ApiObject updateContact(Ctx ctx, String token, ContactForm form) {
    Optional<Visit> found = visit(ctx, token);
    if (found.isEmpty()) {
      return show(ctx, token, null);
    }
    Visit v = found.get();
    customers.updateContact(
        v.ctx(),
        v.session().customer(),
        v.config().allowsUpdateOf("email") ? form.email() : null,
        v.config().allowsUpdateOf("name") ? form.name() : null);
    return HtmlPage.seeOther(v.home() + (v.flow() == null ? "" : "/home"));
  }
}
