package tally.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import tally.api.Ctx;
import tally.billing.MeterUsage;
import tally.catalog.PriceAmounts;
import tally.catalog.Prices;
import tally.invoices.Invoice;
import tally.invoices.InvoiceListener;
import tally.invoices.Invoices;

/**
 * Metered items bill in arrears: at each period end the renewal invoice gets one line per metered
 * item for the period that just ended, priced from the customer's usage of the price's meter
 * (events by timestamp in {@code [start, end)}). The usage is read again when the draft finalizes
 * an hour later (Stripe's default finalization grace period), so usage reported late for the
 * period, and events cancelled meanwhile, count as they stand then.
 */
final class MeteredLines implements InvoiceListener {
  private final MeterUsage usage;
  private final Prices prices;

  MeteredLines(MeterUsage usage, Prices prices) {
    this.usage = usage;
    this.prices = prices;
  }

  static boolean metered(JsonNode price) {
    return "metered".equals(price.path("recurring").path("usage_type").asText());
  }

  /** One line per metered item of {@code sub}: its usage over {@code [start, end)}. */
  List<Invoices.NewLine> lines(Ctx ctx, Subscription sub, long start, long end) {
    List<Invoices.NewLine> lines = new ArrayList<>();
    for (JsonNode item : sub.itemsData()) {
      JsonNode price = item.path("price");
      if (!metered(price)) {
        continue;
      }
      Priced p = price(ctx, sub.customer(), price, start, end, sub.intervalUnit());
      lines.add(
          new Invoices.NewLine(
              p.description(),
              price.path("unit_amount").asLong(0),
              p.quantity(),
              price.path("id").asText(),
              price.path("product").asText(),
              start,
              end,
              sub.id(),
              item.path("id").asText(),
              null,
              p.amount(),
              p.unitAmountDecimal()));
    }
    return lines;
  }

  /** The draft's metered lines, priced from the usage as it stands at finalization. */
  @Override
  public List<Invoices.Repriced> reprice(Ctx ctx, Invoice draft) {
    if (draft.subscription() == null) {
      return List.of();
    }
    List<Invoices.Repriced> repriced = new ArrayList<>();
    for (Invoice.Line line : draft.billedLines()) {
      JsonNode price =
          line.price() == null
              ? null
              : prices.find(ctx, line.price()).map(p -> p.toJson()).orElse(null);
      if (price == null || !metered(price)) {
        continue;
      }
      Priced p =
          price(
              ctx,
              draft.customer(),
              price,
              line.periodStart(),
              line.periodEnd(),
              price.path("recurring").path("interval").asText());
      repriced.add(
          new Invoices.Repriced(
              line.id(), p.quantity(), p.amount(), p.unitAmountDecimal(), p.description()));
    }
    return repriced;
  }

  private record Priced(long quantity, long amount, String unitAmountDecimal, String description) {}

  private Priced price(
      Ctx ctx, String customer, JsonNode price, long start, long end, String interval) {
    String meter = price.path("recurring").path("meter").asText();
    BigDecimal used = usage.inPeriod(ctx, meter, customer, start, end);
    // The line shows the usage itself; transform_quantity (packages) only changes the amount.
    long quantity = used.setScale(0, RoundingMode.HALF_UP).longValueExact();
    long amount = PriceAmounts.amount(price, used);
    String product = price.path("product").asText();
    if ("tiered".equals(price.path("billing_scheme").asText())) {
      return new Priced(
          quantity,
          amount,
          null,
          quantity + " × " + product + " (" + price.path("tiers_mode").asText() + " tiers)");
    }
    String unit = PriceAmounts.unitAmount(price).stripTrailingZeros().toPlainString();
    return new Priced(
        quantity,
        amount,
        unit,
        quantity + " × " + product + " (at " + unit + " / " + interval + ", usage)");
  }
}
