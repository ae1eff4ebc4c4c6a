package tally.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import tally.api.Ctx;
import tally.api.Errors;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.catalog.Products;

/**
 * A new session's line items priced by its mode's rules (Stripe's validation, in its order), and
 * what the payer owes today: in subscription mode the first invoice (one-time items, and the
 * recurring ones unless a trial or an anchor without prorations defers them; metered items bill
 * later, for their usage).
 */
final class SessionPricing {
  /** Stripe's caps: 100 items in payment mode; 20 recurring and 20 one-time in subscription. */
  static final int MAX_ITEMS = 100;

  static final int MAX_SUBSCRIPTION_ITEMS = 20;

  private final Prices prices;
  private final Products products;

  SessionPricing(Prices prices, Products products) {
    this.prices = prices;
    this.products = products;
  }

  record Priced(Price price, long quantity, long amount, String description) {
    boolean recurring() {
      return price.recurringPrice();
    }

    boolean metered() {
      return recurring() && "metered".equals(price.recurring().path("usage_type").asText());
    }
  }

  List<Priced> price(Ctx ctx, CheckoutParams.Create p) {
    if ("setup".equals(p.mode())) {
      if (!p.items().isEmpty()) {
        throw Errors.invalid("line_items", "You cannot pass `line_items` in `setup` mode.");
      }
      return List.of();
    }
    if (p.items().isEmpty()) {
      throw Errors.missing("line_items");
    }
    boolean subscription = "subscription".equals(p.mode());
    if (!subscription && p.items().size() > MAX_ITEMS) {
      throw Errors.invalid("line_items", "A Checkout Session can have at most 100 line items.");
    }
    List<Priced> out = new ArrayList<>();
    for (int i = 0; i < p.items().size(); i++) {
      out.add(priced(ctx, p.items().get(i), "line_items[" + i + "]", subscription, out));
    }
    if (subscription) {
      checkSubscription(out);
    }
    return out;
  }

  private Priced priced(
      Ctx ctx, CheckoutParams.Item item, String at, boolean subscription, List<Priced> before) {
    Price price =
        item.price() != null
            ? prices
                .find(ctx, item.price())
                .orElseThrow(() -> Errors.noSuch("price", item.price(), at + "[price]"))
            : products.adhocPrice(ctx, item.priceData(), item.product(), item.productName());
    if (item.price() != null && !price.active()) {
      throw Errors.invalid(at + "[price]", "The price " + price.id() + " is not active.");
    }
    if (price.recurringPrice() && !subscription) {
      throw Errors.invalid(
          at,
          "You specified `payment` mode but passed a recurring price. Either switch to"
              + " `subscription` mode or use only one-time prices.");
    }
    boolean metered = "metered".equals(price.recurringPrice() ? usageType(price) : null);
    if (metered && item.quantity() != null) {
      throw Errors.invalid(
          at,
          "Quantity should not be specified where usage_type is `metered`. Remove quantity from `"
              + at
              + "`");
    }
    if (!metered && item.quantity() == null) {
      throw Errors.missing(at + "[quantity]");
    }
    if (!before.isEmpty() && !before.getFirst().price().currency().equals(price.currency())) {
      throw Errors.invalid(at, "All line items must use the same currency.");
    }
    if (price.recurringPrice()) {
      for (Priced earlier : before) {
        if (earlier.recurring() && !sameInterval(earlier.price(), price)) {
          throw Errors.invalid(
              at,
              "All recurring prices in a Checkout Session must have the same billing interval"
                  + " (`recurring.interval` and `recurring.interval_count`).");
        }
      }
    }
    long quantity = metered ? 0 : item.quantity();
    String name = products.find(ctx, price.product()).map(pr -> pr.name()).orElse(null);
    return new Priced(price, quantity, metered ? 0 : amount(price, quantity), name);
  }

  private static String usageType(Price price) {
    return price.recurring().path("usage_type").asText("licensed");
  }

  private static boolean sameInterval(Price a, Price b) {
    return a.recurring().path("interval").asText().equals(b.recurring().path("interval").asText())
        && a.recurring().path("interval_count").asLong(1)
            == b.recurring().path("interval_count").asLong(1);
  }

  private static long amount(Price price, long quantity) {
    BigDecimal unit =
        price.unitAmount() != null
            ? BigDecimal.valueOf(price.unitAmount())
            : new BigDecimal(price.unitAmountDecimal() == null ? "0" : price.unitAmountDecimal());
    return unit.multiply(BigDecimal.valueOf(quantity))
        .setScale(0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  private static void checkSubscription(List<Priced> items) {
    long recurring = items.stream().filter(Priced::recurring).count();
    if (recurring == 0) {
      throw Errors.invalid(
          "line_items",
          "You must provide at least one recurring price in `subscription` mode when using"
              + " prices.");
    }
    if (recurring > MAX_SUBSCRIPTION_ITEMS || items.size() - recurring > MAX_SUBSCRIPTION_ITEMS) {
      throw Errors.invalid(
          "line_items",
          "A Checkout Session in `subscription` mode can have at most 20 recurring and 20"
              + " one-time line items.");
    }
  }

  /**
   * What the payer owes today. Subscription mode: the first invoice as far as it is known now (an
   * anchor's prorated first period is billed in full here; the completed session shows the
   * invoice's total).
   */
  static Long dueToday(String mode, List<Priced> items, SubscriptionData d) {
    if ("setup".equals(mode)) {
      return null;
    }
    boolean deferred = d.trial() || (d.billingCycleAnchor() != null && !d.prorate());
    return items.stream().filter(i -> !i.recurring() || !deferred).mapToLong(Priced::amount).sum();
  }

  /**
   * Stripe's checks of subscription_data against now: a trial ends at least 48 hours ahead; an
   * anchor is in the future and no later than the first item's next natural billing date.
   */
  static void checkTimes(long now, List<Priced> items, SubscriptionData d) {
    if (d.trialEnd() != null && d.trialEnd() < now + SubscriptionData.MIN_TRIAL_END_AHEAD) {
      throw Errors.invalid(
          "subscription_data[trial_end]",
          "The `trial_end` date has to be at least 2 days in the future.");
    }
    Long anchor = d.billingCycleAnchor();
    if (anchor == null) {
      return;
    }
    if (anchor <= now) {
      throw Errors.invalid(
          "subscription_data[billing_cycle_anchor]",
          "`subscription_data[billing_cycle_anchor]` must be in the future.");
    }
    Price first = items.stream().filter(Priced::recurring).findFirst().orElseThrow().price();
    long natural = nextNatural(now, first);
    if (anchor > natural) {
      throw Errors.invalid(
          "subscription_data[billing_cycle_anchor]",
          "billing_cycle_anchor cannot be later than next natural billing date ("
              + natural
              + ") for plan");
    }
  }

  private static long nextNatural(long now, Price price) {
    ZonedDateTime t = Instant.ofEpochSecond(now).atZone(ZoneOffset.UTC);
    long count = price.recurring().path("interval_count").asLong(1);
    ZonedDateTime next =
        switch (price.recurring().path("interval").asText()) {
          case "day" -> t.plusDays(count);
          case "week" -> t.plusWeeks(count);
          case "year" -> t.plusYears(count);
          default -> t.plusMonths(count);
        };
    return next.toEpochSecond();
  }
}
