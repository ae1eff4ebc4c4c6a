package tally.portal;

import tally.api.Expander;
import tally.charges.Charges;
import tally.customers.Customers;
import tally.http.Decoder;
import tally.http.Router;

/** Portal configurations, sessions and the hosted portal page. */
public final class PortalRoutes {
  private PortalRoutes() {}

  public static void register(
      Router r,
      Expander x,
      PortalConfigurations configurations,
      PortalSessions sessions,
      Customers customers,
      Charges charges) {
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

    PortalPage page = new PortalPage(sessions, configurations, customers, charges);
    r.open(
        "GET",
        "/p/session/{token}",
        Decoder.none(),
        (ctx, p) -> page.show(ctx, ctx.path("token"), null));
    r.open(
        "POST",
        "/p/session/{token}/customer",
        PortalPage.ContactForm::decode,
        (ctx, p) -> page.updateContact(ctx, ctx.path("token"), p));
    r.open(
        "POST",
        "/p/session/{token}/cards",
        PortalPage.CardForm::decode,
        (ctx, p) -> page.addCard(ctx, ctx.path("token"), p));
  }
}
