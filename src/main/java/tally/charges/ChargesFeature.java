package tally.charges;

import tally.balance.Ledger;
import tally.feature.Feature;
import tally.feature.Installer;

/** Charges, captures and the seven-day expiry of uncaptured authorizations. */
public final class ChargesFeature implements Feature {
  private final Charges charges;
  private final Captures captures;

  public ChargesFeature(Ledger ledger, CustomerCards customers) {
    this.charges = new Charges(ledger, customers);
    this.captures = new Captures(charges, ledger);
  }

  public Charges charges() {
    return charges;
  }

  public Captures captures() {
    return captures;
  }

  @Override
  public void install(Installer in) {
    ChargeRoutes.register(in.routes(), in.expand(), charges, captures);
    in.due(
        "SELECT account_id, id FROM charges WHERE captured = FALSE AND refunded = FALSE AND"
            + " status = 'succeeded' AND capture_before <= :now LIMIT 500",
        captures::expire);
    in.emits(
        "charge.succeeded",
        "charge.failed",
        "charge.captured",
        "charge.updated",
        "charge.expired",
        "charge.refunded");
  }
}
