package tally.charges;

import tally.api.Ctx;

/**
 * Told when part or all of an authorization is released without being captured: the remainder of a
 * partial capture, or an authorization that expired. It runs inside the request's transaction. The
 * feature that keeps refunds registers one; charges never writes another feature's rows.
 */
@FunctionalInterface
public interface ReleaseListener {
  /**
   * {@code reportingCategory} is the balance transaction's category when money moved back, or null
   * when none did (an expired authorization); {@code availableOn} is when it settles.
   */
  void released(
      Ctx ctx,
      Charge charge,
      long amount,
      String reason,
      String reportingCategory,
      long availableOn);
}
