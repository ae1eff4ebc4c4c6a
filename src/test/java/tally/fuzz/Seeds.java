package tally.fuzz;

import java.util.List;
import java.util.Map;

/**
 * A plausible body for the create endpoints, so that mutations start near a request that succeeds
 * and reach the handlers' logic, not only the validation in front of it.
 */
final class Seeds {
  private static final Map<String, String> CREATES =
      Map.ofEntries(
          Map.entry("/v1/charges", "amount=2000&currency=usd&source=tok_visa"),
          Map.entry("/v1/customers", "email=fuzz@example.com&name=Fuzz"),
          Map.entry("/v1/refunds", "charge=CHARGE&amount=100"),
          Map.entry("/v1/products", "name=Fuzz+product"),
          Map.entry("/v1/prices", "currency=usd&unit_amount=500&product_data[name]=Fuzz"),
          Map.entry(
              "/v1/checkout/sessions",
              "mode=payment&success_url=https://example.com/s&line_items[0][price_data][currency]"
                  + "=usd&line_items[0][price_data][unit_amount]=700&line_items[0][price_data]"
                  + "[product_data][name]=T&line_items[0][quantity]=1"),
          Map.entry("/v1/billing_portal/sessions", "customer=CUSTOMER"),
          Map.entry(
              "/v1/webhook_endpoints",
              "url=https://example.com/hook&enabled_events[]=charge.succeeded"),
          Map.entry(
              "/v1/billing/meters",
              "display_name=Calls&event_name=fuzz_calls&default_aggregation[formula]=sum"),
          Map.entry(
              "/v1/billing/meter_events",
              "event_name=fuzz_calls&payload[stripe_customer_id]=CUSTOMER&payload[value]=3"),
          Map.entry(
              "/v1/billing/credit_grants",
              "customer=CUSTOMER&category=paid&amount[type]=monetary&amount[monetary][value]=500"
                  + "&amount[monetary][currency]=usd&applicability_config[scope][price_type]=metered"),
          Map.entry("/v1/balance_settings", "payments[payouts][schedule][interval]=manual"),
          // The /v2 routes take JSON: the generator sends these trees as JSON bodies.
          Map.entry(
              "/v2/billing/meter_event_stream",
              "events[0][event_name]=fuzz_calls&events[0][payload][stripe_customer_id]=CUSTOMER"
                  + "&events[0][payload][value]=3&events[0][timestamp]=2030-01-01T00:00:00Z"
                  + "&events[1][event_name]=nope&events[1][payload][value]=x"),
          Map.entry(
              "/v2/billing/meter_events",
              "event_name=fuzz_calls&payload[stripe_customer_id]=CUSTOMER&payload[value]=3"),
          Map.entry(
              "/v2/billing/meter_event_adjustments",
              "event_name=fuzz_calls&type=cancel&cancel[identifier]=fuzz"));

  private Seeds() {}

  /** The seed's pairs, with CHARGE and CUSTOMER replaced by ids the fuzzer created. */
  static List<Map.Entry<String, String>> forRoute(String method, String template, Ids ids) {
    String seed = "POST".equals(method) ? CREATES.getOrDefault(template, "") : "";
    if (seed.isEmpty()) {
      return List.of();
    }
    return java.util.Arrays.stream(seed.split("&"))
        .map(p -> p.split("=", 2))
        .map(p ->
            Map.entry(
                java.net.URLDecoder.decode(p[0], java.nio.charset.StandardCharsets.UTF_8),
                java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8)
                    .replace("CHARGE", ids.charge())
                    .replace("CUSTOMER", ids.customer())))
        .toList();
  }

  /** Ids of objects made before fuzzing begins. */
  record Ids(String charge, String customer, String meterEventSessionToken) {}
}
