package tally.billing;

import java.math.BigDecimal;
import tally.api.Ctx;

/**
 * The public face of metering for billing: a customer's usage of a meter over a period, by the
 * meter's formula, counting events by their {@code timestamp} ({@code from} inclusive, {@code
 * until} exclusive) and never cancelled ones. A deactivated (or unknown) meter bills nothing.
 */
public final class MeterUsage {
  private final Meters meters;

  MeterUsage(Meters meters) {
    this.meters = meters;
  }

  public BigDecimal inPeriod(Ctx ctx, String meterId, String customer, long from, long until) {
    return meters
        .find(ctx, meterId)
        .filter(Meter::active)
        .map(m -> Usage.aggregate(m, Usage.events(ctx, m, customer, from, until)))
        .orElse(BigDecimal.ZERO);
  }
}
