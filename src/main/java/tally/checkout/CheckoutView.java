package tally.checkout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tally.core.Money;

/** The parameters of {@code checkout.jte}: what the session sells and what the payer typed. */
final class CheckoutView {
  /** Tally has no business profile yet; the page names the merchant as Stripe's test pages do. */
  static final String MERCHANT = "Tally test merchant";

  private CheckoutView() {}

  static Map<String, Object> params(
      CheckoutSession s, List<LineItem> lineItems, CardForm form, String error) {
    boolean setup = "setup".equals(s.mode());
    List<Map<String, String>> items = new ArrayList<>();
    for (LineItem item : lineItems) {
      String every =
          item.price().recurringPrice()
              ? ", billed every " + item.price().recurring().path("interval").asText()
              : "";
      items.add(
          Map.of(
              "description",
              (item.description() == null ? "" : item.description()) + every,
              "quantity",
              item.quantity() == null ? "metered" : Long.toString(item.quantity()),
              "amount",
              Money.format(item.amount(), item.currency())));
    }
    List<Map<String, String>> countries = new ArrayList<>();
    CardForm.COUNTRIES.forEach((code, name) -> countries.add(Map.of("code", code, "name", name)));
    String total = s.amountTotal() == null ? "" : Money.format(s.amountTotal(), s.currency());
    Map<String, Object> params = new HashMap<>();
    params.put("merchant", MERCHANT);
    if (s.subscriptionMode()) {
      boolean trial = SubscriptionCheckout.data(s).trial();
      params.put("heading", trial ? "Start your trial" : "Subscribe");
      params.put("button", trial ? "Start trial" : "Subscribe");
    } else {
      params.put("heading", setup ? "Save your card" : "Pay " + total);
      params.put("button", setup ? "Save card" : "Pay " + total);
    }
    params.put("collectCard", s.collectsCard());
    params.put("setup", setup);
    params.put("items", items);
    params.put("total", total);
    params.put("countries", countries);
    params.put("email", form.email());
    params.put("cardNumber", form.cardNumber());
    params.put("cardExpiry", form.cardExpiry());
    params.put("billingName", form.billingName());
    params.put("billingCountry", form.country());
    params.put("billingPostalCode", form.billingPostalCode());
    params.put("action", "/c/pay/" + s.id());
    params.put("cancelUrl", s.field("cancel_url"));
    params.put("error", error);
    return params;
  }
}
