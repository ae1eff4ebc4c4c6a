package tally.credits;

import tally.catalog.Prices;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;

/** Credit grants, the credit balance summary and its transactions; grants expire on the clock. */
public final class CreditsFeature implements Feature {
  private final CreditGrants grants;

  public CreditsFeature(Customers customers, Prices prices) {
    this.grants = new CreditGrants(customers, prices);
  }

  @Override
  public void install(Installer in) {
    CreditRoutes.register(in.routes(), in.expand(), grants);
    in.due(
        "SELECT account_id, id FROM credit_grants WHERE closed = FALSE AND expires_at <= :now"
            + " LIMIT 500",
        grants::expireDue);
    in.emits(
        "billing.credit_grant.created",
        "billing.credit_grant.updated",
        "billing.credit_balance_transaction.created");
  }
}
