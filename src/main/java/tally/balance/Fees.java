package tally.balance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Stripe's standard card pricing: 2.9% + 30¢ (fixed part in the charge's minor units). */
public final class Fees {
  private Fees() {}

  public static long cardFee(long amount) {
    long percent =
        BigDecimal.valueOf(amount)
            .multiply(new BigDecimal("0.029"))
            .setScale(0, RoundingMode.HALF_UP)
            .longValueExact();
    return percent + 30;
  }

  /** Card funds settle two days after the charge, at midnight UTC. */
  public static long availableOn(long created, boolean immediately) {
    if (immediately) {
      return created;
    }
    return (created / 86_400 + 2) * 86_400;
  }
}
