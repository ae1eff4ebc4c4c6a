package tally.portal;

import java.util.function.Supplier;
import tally.api.Expander;
import tally.catalog.Prices;
import tally.charges.Charges;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;
import tally.invoices.InvoiceHistory;
import tally.payments.CardPayments;
import tally.subscriptions.CustomerSubscriptions;

/** Customer portal configurations, sessions and the hosted portal page. */
public final class PortalFeature implements Feature {
  private final PortalConfigurations configurations;
  private final PortalSessions sessions;
  private final PortalPage page;
  private final PortalActions actions;

  /** What the portal shows and changes, each through its own feature's facade. */
  public record Uses(
      Customers customers,
      Charges charges,
      CustomerSubscriptions subscriptions,
      InvoiceHistory invoices,
      CardPayments cards,
      Prices prices) {}

  public PortalFeature(Uses uses, Supplier<String> publicUrl) {
    this.configurations = new PortalConfigurations(uses.prices());
    PortalRules rules = new PortalRules(uses.subscriptions());
    this.sessions = new PortalSessions(configurations, uses.customers(), publicUrl, rules);
    PortalView view =
        new PortalView(
            uses.customers(),
            uses.charges(),
            uses.subscriptions(),
            uses.invoices(),
            uses.cards(),
            uses.prices());
    this.page = new PortalPage(sessions, configurations, uses.customers(), view);
    this.actions =
        new PortalActions(
            page, rules, uses.subscriptions(), uses.cards(), uses.customers(), publicUrl);
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
    r.post(
        "/v1/billing_portal/configurations",
        PortalConfigurations.Change::decodeCreate,
        configurations::create);
    r.get(
        "/v1/billing_portal/configurations",
        PortalConfigurations.ListFilter::decode,
        configurations::list);
    r.get(
        "/v1/billing_portal/configurations/{configuration}",
        Decoder.none(),
        (ctx, p) -> configurations.retrieve(ctx, ctx.path("configuration")));
    r.post(
        "/v1/billing_portal/configurations/{configuration}",
        PortalConfigurations.Change::decodeUpdate,
        (ctx, p) -> configurations.update(ctx, ctx.path("configuration"), p));
    r.post("/v1/billing_portal/sessions", PortalSessions.Create::decode, sessions::create);
    x.finder("bpc_", (ctx, id) -> configurations.find(ctx, id).orElse(null));
    x.expandable("billing_portal.session", "configuration");
    installPage(r);
    in.emits(
        "billing_portal.configuration.created",
        "billing_portal.configuration.updated",
        "billing_portal.session.created");
  }

  private void installPage(Router r) {
    r.open(
        "GET",
        "/p/session/{token}",
        Decoder.none(),
        (ctx, p) -> page.show(ctx, ctx.path("token"), null));
    r.open(
        "GET",
        "/p/session/{token}/home",
        Decoder.none(),
        (ctx, p) -> page.home(ctx, ctx.path("token")));
    r.open(
        "GET",
        "/p/session/{token}/done",
        Decoder.none(),
        (ctx, p) -> page.done(ctx, ctx.path("token")));
    r.open(
        "POST",
        "/p/session/{token}/customer",
        PortalPage.ContactForm::decode,
        (ctx, p) -> page.updateContact(ctx, ctx.path("token"), p));
    r.open(
        "POST",
        "/p/session/{token}/payment_methods",
        PortalActions.CardForm::decode,
        (ctx, p) -> actions.paymentMethod(ctx, ctx.path("token"), p));
    r.open(
        "GET",
        "/p/session/{token}/payment_methods/return",
        PortalActions.Authenticated::decode,
        (ctx, p) -> actions.authenticated(ctx, ctx.path("token"), p));
    // Back from 3-D Secure the card becomes the default: one transaction.
    r.writingOnGet();
    r.open(
        "POST",
        "/p/session/{token}/payment_methods/{payment_method}/default",
        Decoder.none(),
        (ctx, p) -> actions.makeDefault(ctx, ctx.path("token"), ctx.path("payment_method")));
    r.open(
        "POST",
        "/p/session/{token}/payment_methods/{payment_method}/remove",
        Decoder.none(),
        (ctx, p) -> actions.remove(ctx, ctx.path("token"), ctx.path("payment_method")));
    r.open(
        "POST",
        "/p/session/{token}/subscriptions/{subscription}/cancel",
        PortalActions.CancelForm::decode,
        (ctx, p) -> actions.cancel(ctx, ctx.path("token"), ctx.path("subscription"), p));
    r.open(
        "POST",
        "/p/session/{token}/subscriptions/{subscription}/update",
        PortalActions.UpdateForm::decode,
        (ctx, p) -> actions.update(ctx, ctx.path("token"), ctx.path("subscription"), p));
    r.open(
        "POST",
        "/p/session/{token}/subscriptions/{subscription}/confirm",
        Decoder.none(),
        (ctx, p) -> actions.confirm(ctx, ctx.path("token"), ctx.path("subscription")));
  }
}
