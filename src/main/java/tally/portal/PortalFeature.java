package tally.portal;

import java.util.function.Supplier;
import tally.api.Expander;
import tally.charges.Charges;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Customer portal configurations, sessions and the hosted portal page. */
public final class PortalFeature implements Feature {
  private final PortalConfigurations configurations = new PortalConfigurations();
  private final PortalSessions sessions;
  private final Customers customers;
  private final Charges charges;

  public PortalFeature(Customers customers, Charges charges, Supplier<String> publicUrl) {
    this.customers = customers;
    this.charges = charges;
    this.sessions = new PortalSessions(configurations, customers, publicUrl);
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

    in.emits(
        "billing_portal.configuration.created",
        "billing_portal.configuration.updated",
        "billing_portal.session.created");
  }
}
