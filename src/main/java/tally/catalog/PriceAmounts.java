package tally.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a price charges for a quantity, as Stripe computes it: {@code transform_quantity} first
 * (divide, then round up or down: package pricing), then per unit ({@code unit_amount_decimal}) or
 * tiered. Graduated tiers charge each unit at the tier it falls in, plus the flat amount of every
 * tier reached; volume tiers charge every unit at the one tier the total falls in, plus its flat
 * amount. The total is rounded to the minor unit once, half up.
 *
 * <p>Reads a price in its rendered form (the JSON kept in a subscription's items).
 */
public final class PriceAmounts {
  private PriceAmounts() {}

  /** The quantity the price bills for {@code usage}: after transform_quantity, if any. */
  public static BigDecimal billedQuantity(JsonNode price, BigDecimal usage) {
    JsonNode transform = price.path("transform_quantity");
    if (transform.isMissingNode() || transform.isNull()) {
      return usage;
    }
    BigDecimal divideBy = BigDecimal.valueOf(transform.path("divide_by").asLong(1));
    RoundingMode mode =
        "up".equals(transform.path("round").asText()) ? RoundingMode.CEILING : RoundingMode.FLOOR;
    return usage.divide(divideBy, 0, mode);
  }

  /** The amount, in the minor unit, that {@code price} charges for {@code usage}. */
  public static long amount(JsonNode price, BigDecimal usage) {
    BigDecimal quantity = billedQuantity(price, usage);
    BigDecimal total =
        "tiered".equals(price.path("billing_scheme").asText())
            ? tiered(
                price.path("tiers"), "volume".equals(price.path("tiers_mode").asText()), quantity)
            : quantity.multiply(unitAmount(price));
    return total.setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** The per-unit amount as a decimal (unit_amount_decimal, else unit_amount, else 0). */
  public static BigDecimal unitAmount(JsonNode price) {
    JsonNode decimal = price.path("unit_amount_decimal");
    if (decimal.isTextual()) {
      return new BigDecimal(decimal.asText());
    }
    return BigDecimal.valueOf(price.path("unit_amount").asLong(0));
  }

  private static BigDecimal tiered(JsonNode tiers, boolean volume, BigDecimal quantity) {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal below = BigDecimal.ZERO; // the units the tiers before this one covered
    for (JsonNode tier : tiers) {
      JsonNode upTo = tier.path("up_to");
      BigDecimal top = upTo.isNull() || upTo.isMissingNode() ? null : upTo.decimalValue();
      BigDecimal unit = decimal(tier, "unit_amount");
      BigDecimal flat = decimal(tier, "flat_amount");
      if (volume) {
        if (top == null || quantity.compareTo(top) <= 0) {
          return quantity.signum() == 0 ? BigDecimal.ZERO : quantity.multiply(unit).add(flat);
        }
        continue;
      }
      if (quantity.compareTo(below) <= 0) {
        break;
      }
      BigDecimal inTier = (top == null ? quantity : quantity.min(top)).subtract(below);
      total = total.add(inTier.multiply(unit)).add(flat);
      if (top == null) {
        break;
      }
      below = top;
    }
    return total;
  }

  private static BigDecimal decimal(JsonNode tier, String field) {
    JsonNode exact = tier.path(field + "_decimal");
    if (exact.isTextual()) {
      return new BigDecimal(exact.asText());
    }
    JsonNode whole = tier.path(field);
    return whole.isNumber() ? whole.decimalValue() : BigDecimal.ZERO;
  }
}
