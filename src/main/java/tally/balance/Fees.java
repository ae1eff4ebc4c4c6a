package tally.balance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import tally.api.Ctx;

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

  /**
   * When card funds settle: after the account's settlement delay (two days unless balance settings
   * override it), at midnight UTC; bypass-pending test cards at once.
   */
  public static long availableOn(Ctx ctx, boolean immediately) {
    if (immediately) {
      return ctx.now();
    }
    return (ctx.now() / 86_400 + BalanceSettingsStore.delayDays(ctx)) * 86_400;
  }
}
