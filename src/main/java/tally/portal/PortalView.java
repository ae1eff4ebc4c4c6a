package tally.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiException;
import tally.api.ListParams;
import tally.catalog.Price;
import tally.catalog.Prices;
import tally.charges.Charge;
import tally.charges.ChargeParams;
import tally.charges.Charges;
import tally.core.Money;
import tally.customers.Customer;
import tally.customers.Customers;
import tally.invoices.InvoiceHistory;
import tally.payments.CardPayments;
import tally.subscriptions.CustomerSubscriptions;

/** What the portal page shows, read through each feature's facade, as the template's params. */
final class PortalView {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MMMM d, yyyy").withZone(ZoneOffset.UTC);

  private final Customers customers;
  private final Charges charges;
  private final CustomerSubscriptions subscriptions;
  private final InvoiceHistory invoices;
  private final CardPayments cards;
  private final Prices prices;

  PortalView(
      Customers customers,
      Charges charges,
      CustomerSubscriptions subscriptions,
      InvoiceHistory invoices,
      CardPayments cards,
      Prices prices) {
    this.customers = customers;
    this.charges = charges;
    this.subscriptions = subscriptions;
    this.invoices = invoices;
    this.cards = cards;
    this.prices = prices;
  }

  /**
   * The template's params. {@code mode} is {@code home}, {@code done} or the type of the session's
   * flow (the page then shows only that action, on the flow's subscription).
   */
  Map<String, Object> model(PortalPage.Visit v, Customer customer, String mode, String error) {
    PortalConfiguration config = v.config();
    PortalFlow flow = PortalFlow.of(v.session().flow());
    Map<String, Object> params = new HashMap<>();
    params.put("headline", config.settings().path("business_profile").path("headline").textValue());
    params.put("mode", mode);
    params.put("confirmation", null);
    params.put("email", customer.email());
    params.put("name", customer.name());
    params.put("editEmail", config.allowsUpdateOf("email"));
    params.put("editName", config.allowsUpdateOf("name"));
    params.put("addCard", config.enabled("payment_method_update"));
    params.put("history", config.enabled("invoice_history"));
    params.put("cards", cards(v, customer));
    params.put("charges", mode.equals("home") ? charges(v) : List.of());
    params.put("subscriptions", subscriptions(v, flow, mode));
    params.put("optionsBySub", optionsBySub(v, flow, mode));
    params.put("reasons", config.cancellationReasons());
    params.put("cancelEnabled", config.enabled("subscription_cancel"));
    params.put("updateEnabled", config.enabled("subscription_update"));
    params.put("priceAllowed", config.allowsSubscriptionUpdateOf("price"));
    params.put("quantityAllowed", config.allowsSubscriptionUpdateOf("quantity"));
    params.put(
        "cancelNote",
        config.cancelMode().equals("immediately")
            ? "Your subscription will be canceled immediately."
            : "Your subscription will be canceled at the end of your billing period.");
    params.put(
        "invoices",
        mode.equals("home") && config.enabled("invoice_history") ? invoices(v) : List.of());
    params.put("confirmText", flow == null ? null : confirmText(v, flow));
    params.put("returnUrl", v.session().returnUrl());
    params.put("action", "/p/session/" + v.session().token());
    params.put("error", error);
    return params;
  }

  private List<Map<String, String>> subscriptions(
      PortalPage.Visit v, PortalFlow flow, String mode) {
    List<Map<String, String>> out = new ArrayList<>();
    for (var s : subscriptions.current(v.ctx(), v.session().customer())) {
      if (!mode.equals("home") && (flow == null || !s.id().equals(flow.subscription()))) {
        continue;
      }
      var item = s.items().getFirst();
      Map<String, String> row = new HashMap<>();
      row.put("id", s.id());
      row.put("item", item.id());
      row.put("priceId", item.price());
      row.put("product", productName(v, item));
      row.put("price", amount(item.unitAmount(), item.currency(), item.interval()));
      row.put("quantity", Long.toString(item.quantity()));
      row.put("status", s.status());
      row.put(
          "cancels",
          s.cancelAtPeriodEnd() ? "Cancels on " + DAY.format(day(s.currentPeriodEnd())) : "");
      row.put("updatable", Boolean.toString(s.items().size() == 1));
      out.add(row);
    }
    return out;
  }

  private static Instant day(long epochSeconds) {
    return Instant.ofEpochSecond(epochSeconds);
  }

  private String productName(PortalPage.Visit v, CustomerSubscriptions.Item item) {
    Optional<Price> price = prices.find(v.ctx(), item.price());
    return price.map(Price::nickname).filter(n -> !n.isBlank()).orElse(item.product());
  }

  private static String amount(long unitAmount, String currency, String interval) {
    return Money.format(unitAmount, currency) + " / " + interval;
  }

  /**
   * For each subscription shown, the prices the configuration offers it (those of its currency and
   * interval), each labeled with what switching now would prorate.
   */
  private Map<String, List<Map<String, String>>> optionsBySub(
      PortalPage.Visit v, PortalFlow flow, String mode) {
    Map<String, List<Map<String, String>>> out = new HashMap<>();
    for (var s : subscriptions.current(v.ctx(), v.session().customer())) {
      if (!mode.equals("home") && (flow == null || !s.id().equals(flow.subscription()))) {
        continue;
      }
      var item = s.items().getFirst();
      List<Map<String, String>> options = new ArrayList<>();
      for (String id : v.config().offeredPrices()) {
        Optional<Price> price = prices.find(v.ctx(), id).filter(Price::recurringPrice);
        Optional<Long> owed = price.flatMap(p -> preview(v, s.id(), item.id(), p.id(), null));
        if (price.isPresent() && owed.isPresent()) {
          Price p = price.get();
          String label = label(p);
          if (!p.id().equals(item.price())) {
            var change = new CustomerSubscriptions.Change(item.id(), p.id(), null);
            label += changeNote(v, s.id(), List.of(change), owed.get(), p.currency());
          }
          options.add(Map.of("id", p.id(), "label", label));
        }
      }
      out.put(s.id(), options);
    }
    return out;
  }

  /** What a change would prorate; empty when the subscription cannot take that price. */
  private Optional<Long> preview(
      PortalPage.Visit v, String sub, String item, String price, Long quantity) {
    try {
      return Optional.of(subscriptions.prorationPreview(v.ctx(), sub, item, price, quantity));
    } catch (ApiException incompatible) {
      return Optional.empty();
    }
  }

  private static String label(Price p) {
    return (p.nickname() == null ? p.product() : p.nickname())
        + " · "
        + amount(
            p.unitAmount() == null ? 0 : p.unitAmount(),
            p.currency(),
            p.recurring() == null ? "once" : p.recurring().path("interval").asText());
  }

  /**
   * What a change bills. A trialing subscription: with {@code trial_update_behavior=end_trial} the
   * new plan's first period, at once; with {@code continue_trial} nothing (the trial goes on). Else
   * with {@code billing_cycle_anchor=now} the new period less any credit, at once; else the {@code
   * prorated} amount as proration_behavior bills it.
   */
  private String changeNote(
      PortalPage.Visit v,
      String sub,
      List<CustomerSubscriptions.Change> changes,
      long prorated,
      String currency) {
    PortalConfiguration config = v.config();
    boolean trialing =
        subscriptions.find(v.ctx(), sub).filter(s -> s.status().equals("trialing")).isPresent();
    if (trialing && !config.endsTrialOnUpdate()) {
      return "";
    }
    Optional<Long> restart = Optional.empty();
    try {
      if (trialing) {
        restart = subscriptions.endTrialPreview(v.ctx(), sub, changes);
      } else if (config.restartsCycle()) {
        restart = subscriptions.restartPreview(v.ctx(), sub, changes, config.updateProration());
      }
    } catch (ApiException incompatible) {
      // the change cannot be made: nothing to preview
    }
    if (restart.isEmpty()) {
      return prorationNote(config, prorated, currency);
    }
    long owed = restart.get();
    String sum = Money.format(Math.abs(owed), currency);
    return owed >= 0 ? " (" + sum + " charged now)" : " (" + sum + " credited now)";
  }

  /** How the configuration's proration_behavior bills {@code owed} for a change made now. */
  private static String prorationNote(PortalConfiguration config, long owed, String currency) {
    String behavior = config.updateProration();
    if (behavior.equals("none") || owed == 0) {
      return "";
    }
    String sum = Money.format(Math.abs(owed), currency);
    String when = behavior.equals("always_invoice") ? " now" : " on your next invoice";
    return owed > 0 ? " (" + sum + " charged" + when + ")" : " (" + sum + " credited" + when + ")";
  }

  /** What a {@code subscription_update_confirm} flow asks the customer to confirm. */
  private String confirmText(PortalPage.Visit v, PortalFlow flow) {
    if (!flow.type().equals("subscription_update_confirm")) {
      return null;
    }
    StringBuilder b = new StringBuilder("Confirm your new plan:");
    long owed = 0;
    List<CustomerSubscriptions.Change> changes = new ArrayList<>();
    for (PortalFlow.ItemChange change : flow.items()) {
      changes.add(new CustomerSubscriptions.Change(change.id(), change.price(), change.quantity()));
      if (change.price() != null) {
        prices.find(v.ctx(), change.price()).ifPresent(p -> b.append(' ').append(label(p)));
      }
      if (change.quantity() != null) {
        b.append(", quantity ").append(change.quantity());
      }
      owed +=
          preview(v, flow.subscription(), change.id(), change.price(), change.quantity())
              .orElse(0L);
    }
    String currency =
        subscriptions
            .find(v.ctx(), flow.subscription())
            .map(s -> s.items().getFirst().currency())
            .orElse("usd");
    return b.append(changeNote(v, flow.subscription(), changes, owed, currency))
        .append('.')
        .toString();
  }

  private List<Map<String, String>> cards(PortalPage.Visit v, Customer customer) {
    String preferred = customer.defaultPaymentMethod();
    List<Map<String, String>> out = new ArrayList<>();
    for (var pm : cards.savedCards(v.ctx(), customer.id())) {
      out.add(
          Map.of(
              "id",
              pm.id(),
              "brand",
              brand(pm.brand()),
              "last4",
              pm.last4(),
              "exp",
              pm.expMonth() + "/" + pm.expYear(),
              "default",
              pm.id().equals(preferred) ? "Default" : ""));
    }
    for (var card : customers.cards(v.ctx(), customer.id())) {
      out.add(
          Map.of(
              "brand",
              card.path("brand").asText(),
              "last4",
              card.path("last4").asText(),
              "exp",
              card.path("exp_month").asText() + "/" + card.path("exp_year").asText(),
              "id",
              "",
              "default",
              ""));
    }
    return out;
  }

  /** A PaymentMethod's {@code card.brand} ({@code mastercard}) as people write it. */
  private static String brand(String brand) {
    return switch (brand) {
      case "visa" -> "Visa";
      case "mastercard" -> "MasterCard";
      case "amex" -> "American Express";
      case "discover" -> "Discover";
      case "diners" -> "Diners Club";
      case "jcb" -> "JCB";
      case "unionpay" -> "UnionPay";
      default -> brand;
    };
  }

  private List<Map<String, String>> invoices(PortalPage.Visit v) {
    List<Map<String, String>> out = new ArrayList<>();
    for (var i : invoices.of(v.ctx(), v.session().customer(), 24)) {
      out.add(
          Map.of(
              "number", i.number() == null ? i.id() : i.number(),
              "amount", Money.format(i.total(), i.currency()),
              "status", i.status(),
              "url", i.hostedInvoiceUrl() == null ? "" : i.hostedInvoiceUrl(),
              "pdf", i.invoicePdf() == null ? "" : i.invoicePdf()));
    }
    return out;
  }

  private List<Map<String, String>> charges(PortalPage.Visit v) {
    List<Map<String, String>> out = new ArrayList<>();
    var page =
        charges.list(
            v.ctx(),
            new ChargeParams.ListFilter(
                new ListParams(10, null, null, ListParams.Range.ANY),
                v.session().customer(),
                null,
                null));
    for (var item : page.data()) {
      Charge c = (Charge) item;
      out.add(
          Map.of(
              "amount", Money.format(c.amount(), c.currency()),
              "status", c.status(),
              "description", c.description() == null ? "" : c.description()));
    }
    return out;
  }
}
