package tally.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tally.api.Errors;
import tally.api.Params;
import tally.core.Json;
import tally.core.Money;

/**
 * How a price charges: currency, amount (unit, decimal or tiers) and recurrence. Read the same way
 * for {@code POST /v1/prices}, a product's {@code default_price_data} and Checkout's {@code
 * price_data}.
 */
public record PriceSpec(
    String currency,
    Long unitAmount,
    String unitAmountDecimal,
    String billingScheme,
    String tiersMode,
    JsonNode tiers,
    JsonNode recurring,
    String taxBehavior) {

  static final List<String> INTERVALS = List.of("day", "month", "week", "year");

  /** Reads the fields; {@code tiered} allows {@code billing_scheme=tiered} with its tiers. */
  public static PriceSpec read(Params p, boolean tiered) {
    String currency = p.requiredString("currency");
    if (currency != null) {
      currency = currency.toLowerCase(Locale.ROOT);
      if (!Money.isSupported(currency)) {
        p.fail(Errors.invalid(p.path("currency"), "Invalid currency: " + currency));
      }
    }
    Long unitAmount = p.integer("unit_amount");
    if (unitAmount != null && unitAmount < 0) {
      p.fail(
          Errors.invalid(
              "parameter_invalid_integer",
              p.path("unit_amount"),
              "This value must be greater than or equal to 0."));
    }
    String decimal = p.string("unit_amount_decimal");
    if (decimal != null && !isDecimal(decimal)) {
      p.fail(Errors.invalid(p.path("unit_amount_decimal"), "Invalid decimal: " + decimal));
    }
    String scheme = tiered ? p.oneOf("billing_scheme", List.of("per_unit", "tiered")) : null;
    String tiersMode = null;
    JsonNode tiers = null;
    if ("tiered".equals(scheme)) {
      tiersMode = p.oneOf("tiers_mode", List.of("graduated", "volume"));
      if (tiersMode == null) {
        p.fail(Errors.missing(p.path("tiers_mode")));
      }
      tiers = tiers(p);
    } else if (unitAmount == null && decimal == null && p.raw("custom_unit_amount") == null) {
      p.fail(Errors.missing(p.path("unit_amount")));
    }
    if (unitAmount != null && decimal != null) {
      p.fail(
          Errors.invalid(
              null,
              "You may only specify one of these parameters: unit_amount, unit_amount_decimal."));
    }
    String taxBehavior = p.oneOf("tax_behavior", List.of("exclusive", "inclusive", "unspecified"));
    return new PriceSpec(
        currency,
        unitAmount,
        decimal != null
            ? new BigDecimal(decimal).stripTrailingZeros().toPlainString()
            : unitAmount == null ? null : unitAmount.toString(),
        scheme == null ? "per_unit" : scheme,
        tiersMode,
        tiers,
        recurring(p),
        taxBehavior == null ? "unspecified" : taxBehavior);
  }

  private static boolean isDecimal(String s) {
    return s.matches("\\d{1,12}(\\.\\d{1,12})?");
  }

  private static JsonNode recurring(Params p) {
    Params r = p.hash("recurring");
    if (r == null) {
      return null;
    }
    ObjectNode out = Json.object();
    String interval = r.requiredString("interval");
    if (interval != null) {
      interval = r.oneOf("interval", INTERVALS);
    }
    Long count = r.positiveInteger("interval_count", false);
    String usage = r.oneOf("usage_type", List.of("licensed", "metered"));
    String meter = r.string("meter");
    r.raw("aggregate_usage");
    r.raw("trial_period_days");
    if (meter != null && !"metered".equals(usage)) {
      p.fail(
          Errors.invalid(
              r.path("meter"), "A meter can only be set on prices with usage_type=metered."));
    }
    if (meter == null && "metered".equals(usage)) {
      // Since 2025-03-31.basil a metered price bills a billing meter's usage.
      p.fail(Errors.missing(r.path("meter")));
    }
    out.put("interval", interval);
    out.put("interval_count", count == null ? 1 : count);
    out.put("meter", meter);
    out.putNull("trial_period_days");
    out.put("usage_type", usage == null ? "licensed" : usage);
    return out;
  }

  private static JsonNode tiers(Params p) {
    List<Object> items = p.list("tiers");
    if (items == null || items.isEmpty()) {
      p.fail(Errors.missing(p.path("tiers")));
      return null;
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    long previous = 0;
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> tier)) {
        p.fail(Errors.invalid("tiers[" + i + "]", "Invalid hash"));
        return null;
      }
      ObjectNode t = out.addObject();
      Object upTo = tier.get("up_to");
      boolean last = i == items.size() - 1;
      if (last != "inf".equals(upTo)) {
        p.fail(
            Errors.invalid(
                "tiers", "The last tier must have up_to=inf, and only the last tier may have it."));
        return null;
      }
      amount(p, t, tier, "flat_amount", i);
      amount(p, t, tier, "unit_amount", i);
      if (last) {
        t.putNull("up_to");
      } else {
        Long bound = longOrNull(upTo);
        if (bound == null || bound <= previous) {
          p.fail(
              Errors.invalid(
                  "tiers[" + i + "][up_to]",
                  "Each tier's up_to must be a whole number greater than the previous tier's."));
          return null;
        }
        previous = bound;
        t.put("up_to", bound);
      }
    }
    return out;
  }

  /**
   * A tier's {@code field} and {@code field_decimal}, as Stripe renders them: a whole amount shows
   * in both, a fractional one only in the decimal.
   */
  private static void amount(Params p, ObjectNode t, Map<?, ?> tier, String field, int i) {
    Long whole = longOrNull(tier.get(field));
    Object decimal = tier.get(field + "_decimal");
    if (whole != null && decimal != null) {
      p.fail(
          Errors.invalid(
              "tiers[" + i + "]",
              "You may only specify one of these parameters: "
                  + field
                  + ", "
                  + field
                  + "_decimal."));
    }
    if (decimal instanceof String d && isDecimal(d)) {
      BigDecimal exact = new BigDecimal(d).stripTrailingZeros();
      boolean isWhole = exact.scale() <= 0;
      if (isWhole) {
        t.put(field, exact.longValueExact());
      } else {
        t.putNull(field);
      }
      t.put(field + "_decimal", exact.toPlainString());
    } else if (decimal != null) {
      p.fail(
          Errors.invalid("tiers[" + i + "][" + field + "_decimal]", "Invalid decimal: " + decimal));
    } else {
      t.put(field, whole);
      t.put(field + "_decimal", whole == null ? null : whole.toString());
    }
  }

  private static Long longOrNull(Object value) {
    try {
      return value instanceof String s && !s.isEmpty() ? Long.parseLong(s) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
