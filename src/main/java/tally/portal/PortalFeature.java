package tally.portal;

import java.util.function.Supplier;
import tally.charges.Charges;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;

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
    PortalRoutes.register(in.routes(), in.expand(), configurations, sessions, customers, charges);
    in.emits(
        "billing_portal.configuration.created",
        "billing_portal.configuration.updated",
        "billing_portal.session.created");
  }
}
