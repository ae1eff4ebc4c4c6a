package tally.checkout;

import java.util.function.Supplier;
import tally.catalog.CatalogFeature;
import tally.charges.Charges;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;

/** Checkout Sessions and the hosted payment page; open sessions expire on the clock. */
public final class CheckoutFeature implements Feature {
  private final CheckoutSessions sessions;
  private final Charges charges;

  public CheckoutFeature(
      CatalogFeature catalog, Customers customers, Charges charges, Supplier<String> publicUrl) {
    this.sessions =
        new CheckoutSessions(catalog.prices(), catalog.products(), customers, publicUrl);
    this.charges = charges;
  }

  @Override
  public void install(Installer in) {
    CheckoutRoutes.register(in.routes(), in.expand(), sessions, charges);
    in.due(
        "SELECT account_id, id FROM checkout_sessions WHERE status = 'open' AND expires_at <="
            + " :now LIMIT 500",
        sessions::expireDue);
    in.emits(
        "checkout.session.completed",
        "checkout.session.expired",
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed");
  }
}
