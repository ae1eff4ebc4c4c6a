package tally.billing;

import tally.feature.Feature;
import tally.feature.Installer;

/** Meters, meter events, adjustments, summaries and usage alerts. */
public final class BillingFeature implements Feature {
  private final BillingRoutes billing = new BillingRoutes();

  public Meters meters() {
    return billing.meters();
  }

  @Override
  public void install(Installer in) {
    billing.register(in.routes(), in.expand());
    in.emits(
        "billing.meter.created",
        "billing.meter.updated",
        "billing.meter.deactivated",
        "billing.meter.reactivated",
        "billing.alert.triggered");
  }
}
