package tally.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API calls that produce each event {@code tally trigger} knows, as the Stripe CLI's fixtures
 * make them: real objects, made through the public API, so the event is the one a real flow sends.
 */
final class Triggers {
  /** One event's recipe. */
  @FunctionalInterface
  interface Fixture {
    void run(ApiClient api);
  }

  static final Map<String, Fixture> FIXTURES = fixtures();

  private Triggers() {}

  private static Map<String, Fixture> fixtures() {
    Map<String, Fixture> f = new TreeMap<>();
    f.put("charge.succeeded", api -> charge(api, true));
    f.put("charge.captured", api -> api.post("/v1/charges/" + id(charge(api, false)) + "/capture"));
    f.put("charge.refunded", api -> api.post("/v1/refunds", "charge", id(charge(api, true))));
    f.put(
        "charge.failed",
        api ->
            declined(() ->
                api.post(
                    "/v1/charges",
                    "amount",
                    "2000",
                    "currency",
                    "usd",
                    "source",
                    "tok_chargeDeclined")));
    f.put(
        "payment_intent.created",
        api ->
            api.post(
                "/v1/payment_intents",
                "amount",
                "2000",
                "currency",
                "usd",
                "payment_method_types[]",
                "card"));
    f.put("payment_intent.succeeded", api -> intent(api, "pm_card_visa"));
    f.put(
        "payment_intent.payment_failed",
        api -> declined(() -> intent(api, "pm_card_chargeDeclined")));
    f.put(
        "payment_intent.canceled",
        api ->
            api.post(
                "/v1/payment_intents/"
                    + id(
                        api.post(
                            "/v1/payment_intents",
                            "amount",
                            "2000",
                            "currency",
                            "usd",
                            "payment_method_types[]",
                            "card"))
                    + "/cancel"));
    f.put("customer.created", Triggers::customer);
    f.put("customer.subscription.created", api -> subscription(api, "pm_card_visa"));
    f.put(
        "customer.subscription.updated",
        api ->
            api.post(
                "/v1/subscriptions/" + id(subscription(api, "pm_card_visa")),
                "metadata[foo]",
                "bar"));
    f.put(
        "customer.subscription.deleted",
        api -> api.delete("/v1/subscriptions/" + id(subscription(api, "pm_card_visa"))));
    f.put("invoice.created", api -> invoice(api, "pm_card_visa"));
    f.put(
        "invoice.finalized",
        api -> api.post("/v1/invoices/" + id(invoice(api, "pm_card_visa")) + "/finalize"));
    f.put("invoice.paid", api -> pay(api, invoice(api, "pm_card_visa")));
    f.put("invoice.payment_succeeded", api -> pay(api, invoice(api, "pm_card_visa")));
    f.put(
        "invoice.payment_failed",
        api -> declined(() -> pay(api, invoice(api, "pm_card_chargeCustomerFail"))));
    f.put("checkout.session.completed", Triggers::checkout);
    return java.util.Collections.unmodifiableMap(f);
  }

  static String id(JsonNode object) {
    return object.path("id").asText();
  }

  private static JsonNode charge(ApiClient api, boolean capture) {
    return api.post(
        "/v1/charges",
        "amount",
        "2000",
        "currency",
        "usd",
        "source",
        "tok_visa",
        "description",
        "(created by tally trigger)",
        "capture",
        String.valueOf(capture));
  }

  private static JsonNode intent(ApiClient api, String paymentMethod) {
    return api.post(
        "/v1/payment_intents",
        "amount",
        "2000",
        "currency",
        "usd",
        "payment_method",
        paymentMethod,
        "payment_method_types[]",
        "card",
        "confirm",
        "true");
  }

  /** A decline is the point of the fixture: its 402 is expected, anything else is not. */
  private static void declined(Runnable call) {
    try {
      call.run();
    } catch (ApiClient.Failure e) {
      if (e.status != 402) {
        throw e;
      }
    }
  }

  private static JsonNode customer(ApiClient api) {
    return api.post(
        "/v1/customers",
        "email",
        "trigger@example.com",
        "description",
        "(created by tally trigger)");
  }

  /** A customer whose default payment method is {@code paymentMethod} (a test pm_card_…). */
  private static String payingCustomer(ApiClient api, String paymentMethod) {
    String customer = id(customer(api));
    String pm =
        id(api.post("/v1/payment_methods/" + paymentMethod + "/attach", "customer", customer));
    api.post("/v1/customers/" + customer, "invoice_settings[default_payment_method]", pm);
    return customer;
  }

  private static JsonNode subscription(ApiClient api, String paymentMethod) {
    String customer = payingCustomer(api, paymentMethod);
    String price =
        id(
            api.post(
                "/v1/prices",
                "currency",
                "usd",
                "unit_amount",
                "1500",
                "recurring[interval]",
                "month",
                "product_data[name]",
                "Tally trigger plan"));
    return api.post("/v1/subscriptions", "customer", customer, "items[0][price]", price);
  }

  /** A draft invoice of one pending item for a paying customer. */
  private static JsonNode invoice(ApiClient api, String paymentMethod) {
    String customer = payingCustomer(api, paymentMethod);
    api.post(
        "/v1/invoiceitems",
        "customer",
        customer,
        "amount",
        "2000",
        "currency",
        "usd",
        "description",
        "(created by tally trigger)");
    return api.post(
        "/v1/invoices",
        "customer",
        customer,
        "collection_method",
        "charge_automatically",
        "pending_invoice_items_behavior",
        "include",
        "auto_advance",
        "false");
  }

  /** Finalizes the draft and pays it, unless finalizing already collected it. */
  private static JsonNode pay(ApiClient api, JsonNode draft) {
    JsonNode finalized = api.post("/v1/invoices/" + id(draft) + "/finalize");
    if (!"open".equals(finalized.path("status").asText())) {
      return finalized;
    }
    return api.post("/v1/invoices/" + id(draft) + "/pay");
  }

  /** A payment-mode session, paid on its hosted page with a test card as a buyer would. */
  private static void checkout(ApiClient api) {
    JsonNode session =
        api.post(
            "/v1/checkout/sessions",
            "mode",
            "payment",
            "success_url",
            "https://example.com/success",
            "line_items[0][price_data][currency]",
            "usd",
            "line_items[0][price_data][unit_amount]",
            "3000",
            "line_items[0][price_data][product_data][name]",
            "T-shirt",
            "line_items[0][quantity]",
            "1");
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("email", "buyer@example.com");
    form.put("cardNumber", "4242424242424242");
    form.put("cardExpiry", "12 / 34");
    form.put("cardCvc", "123");
    form.put("billingName", "Jenny Rosen");
    form.put("billingCountry", "US");
    form.put("billingPostalCode", "94103");
    int status = api.postPage("/c/pay/" + id(session), form);
    if (status >= 400) {
      throw new ApiClient.Failure(status, "the checkout page refused the test card: " + status);
    }
  }
}
