package tally.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;
import static tally.testing.Fixtures.defaultCard;
import static tally.testing.StripeErrors.assertStripeError;
import static tally.testing.StripeErrors.catchCardError;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.WebhookEndpoint;
import com.stripe.model.checkout.Session;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * The dashboard's test-mode actions, webhook deliveries, meter usage and the masked request log,
 * each checked through the API afterwards.
 */
class DashboardActionsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private final String key = SERVER.newKey();
  private final StripeClient stripe = SERVER.client(key);
  private final DashboardSession dash = DashboardSession.open(SERVER, key);

  @Test
  void expiringACheckoutSession() throws Exception {
    var params =
        Fixtures.checkoutPayment("https://example.com/ok", Fixtures.checkoutItem("Mug", 700L, 1L));
    Session session = stripe.v1().checkout().sessions().create(params.build());
    assertThat(dash.get("/dashboard/checkout_sessions/" + session.getId()).body())
        .contains("id=\"expire-session\"");
    var reply = dash.post("/dashboard/actions/expire_checkout", "id=" + session.getId());
    assertThat(reply.statusCode()).isEqualTo(303);
    assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus())
        .isEqualTo("expired");
    String page = dash.get(reply.headers().firstValue("Location").orElseThrow()).body();
    assertThat(page).contains("The Checkout Session expired.").doesNotContain("expire-session");
    assertThat(page).contains("checkout.session.expired");
  }

  @Test
  void advancingATestClock() throws Exception {
    long start = SERVER.clock().nowSeconds();
    var clock = Fixtures.testClock(stripe, start);
    var reply = dash.post("/dashboard/actions/advance_clock", "id=" + clock.getId() + "&by=1+week");
    assertThat(reply.statusCode()).isEqualTo(303);
    SERVER.runJobs();
    var after = stripe.v1().testHelpers().testClocks().retrieve(clock.getId());
    assertThat(after.getFrozenTime()).isEqualTo(start + 7 * 86_400);
    assertThat(
            dash.post("/dashboard/actions/advance_clock", "id=" + clock.getId() + "&by=2+days")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void failingACustomersNextPaymentDeclinesTheirNextCharge() throws Exception {
    Customer c = customer(stripe, "fails@example.com");
    defaultCard(stripe, c.getId(), "tok_visa");
    var reply = dash.post("/dashboard/actions/fail_next_payment", "id=" + c.getId());
    assertThat(reply.statusCode()).isEqualTo(303);
    assertStripeError(() -> Fixtures.chargeCustomer(stripe, c.getId(), 1000))
        .isCardError()
        .hasDeclineCode("generic_decline");
    String pm = Fixtures.defaultPaymentMethodOf(stripe, c.getId());
    var offSession =
        Fixtures.intentParams(1000L)
            .setCustomer(c.getId())
            .setPaymentMethod(pm)
            .setConfirm(true)
            .setOffSession(true);
    assertStripeError(() -> stripe.v1().paymentIntents().create(offSession.build()))
        .isCardError()
        .hasDeclineCode("generic_decline");
  }

  @Test
  void anEventsDeliveriesShowEachAttemptAndCanBeResent() throws Exception {
    AtomicInteger status = new AtomicInteger(500);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    receiver.start();
    try {
      WebhookEndpoint endpoint =
          webhookEndpoint(
              "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
              WebhookEndpointCreateParams.EnabledEvent.CUSTOMER__CREATED);
      Customer c = customer(stripe, "hooked@example.com");
      String event = Fixtures.events(stripe, "customer.created").getFirst().getId();
      SERVER.runJobs();
      String page = dash.get("/dashboard/events/" + event).body();
      assertThat(page)
          .contains("id=\"deliveries\"")
          .contains("#1 ")
          .contains("HTTP 500")
          .contains("pending");
      assertThat(dash.get("/dashboard/customers/" + c.getId()).body()).contains(event);

      status.set(200);
      var reply =
          dash.post(
              "/dashboard/actions/resend_event", "id=" + event + "&endpoint=" + endpoint.getId());
      assertThat(reply.statusCode()).isEqualTo(303);
      SERVER.runJobs();
      page = dash.get("/dashboard/events/" + event).body();
      assertThat(page).contains("delivered").contains("#2 ").contains("HTTP 200");
      assertThat(stripe.v1().events().retrieve(event).getPendingWebhooks()).isZero();

      // Resending a delivered event delivers it again and counts it pending until it is.
      dash.post("/dashboard/actions/resend_event", "id=" + event + "&endpoint=" + endpoint.getId());
      assertThat(stripe.v1().events().retrieve(event).getPendingWebhooks()).isEqualTo(1);
      SERVER.runJobs();
      assertThat(stripe.v1().events().retrieve(event).getPendingWebhooks()).isZero();
      assertThat(dash.get("/dashboard/events/" + event).body()).contains("#3 ");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aMetersPageShowsUsagePerCustomer() throws Exception {
    var meter = Fixtures.sumMeter(stripe, "api_calls");
    Customer c = customer(stripe, "metered@example.com");
    for (String value : new String[] {"3", "4"}) {
      stripe
          .v1()
          .billing()
          .meterEvents()
          .create(
              MeterEventCreateParams.builder()
                  .setEventName("api_calls")
                  .putPayload("stripe_customer_id", c.getId())
                  .putPayload("value", value)
                  .setTimestamp(SERVER.clock().nowSeconds() - 60)
                  .build());
    }
    String usage = section(dash.get("/dashboard/meters/" + meter.getId()).body(), "meter-usage");
    assertThat(usage).contains(c.getId()).contains("<td>7</td>").contains("<td>2</td>");
  }

  @Test
  void theRequestLogShowsWhatTouchedAnObjectWithSecretsMasked() throws Exception {
    PaymentIntent pi =
        stripe
            .v1()
            .paymentIntents()
            .create(
                Fixtures.intentParams(2500L).putMetadata("card", "4000 0566 5566 5556").build());
    stripe.v1().paymentIntents().retrieve(pi.getId());
    stripe
        .v1()
        .paymentIntents()
        .update(
            pi.getId(),
            com.stripe.param.PaymentIntentUpdateParams.builder().putMetadata("step", "2").build());
    String requests =
        awaitRequests(
            "/dashboard/payments/" + pi.getId(),
            r -> r.contains("POST /v1/payment_intents/" + pi.getId()));
    assertThat(requests)
        .contains("POST /v1/payment_intents")
        // Reads that succeed are not logged: they touch nothing, and are most of the traffic.
        .doesNotContain("GET /v1/payment_intents/")
        .contains("metadata[card]=••••5556")
        .doesNotContain("4000 0566 5566 5556")
        .doesNotContain(pi.getClientSecret())
        .contains("\"client_secret\": \"••••\"")
        .doesNotContain(key);

    WebhookEndpoint endpoint =
        webhookEndpoint("https://example.com/hook", WebhookEndpointCreateParams.EnabledEvent.ALL);
    String logged =
        awaitRequests(
            "/dashboard/webhook_endpoints/" + endpoint.getId(),
            r -> r.contains("POST /v1/webhook_endpoints"));
    assertThat(logged).contains("\"secret\": \"••••\"").doesNotContain(endpoint.getSecret());

    CardException declined =
        catchCardError(() -> Fixtures.charge(stripe, "tok_chargeDeclined", 100));
    String charge = declined.getStripeError().getCharge();
    assertThat(awaitRequests("/dashboard/charges/" + charge, r -> r.contains("402")))
        .contains("card_declined");
  }

  private WebhookEndpoint webhookEndpoint(
      String url, WebhookEndpointCreateParams.EnabledEvent event) throws StripeException {
    return stripe
        .v1()
        .webhookEndpoints()
        .create(WebhookEndpointCreateParams.builder().setUrl(url).addEnabledEvent(event).build());
  }

  /** The object page's API requests, once the log's writer has caught up. */
  private String awaitRequests(String page, Predicate<String> ready) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String requests = "";
    while (System.nanoTime() < deadline) {
      requests = section(dash.get(page).body(), "requests");
      if (ready.test(requests)) {
        return requests;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the request log never showed the request; last seen:\n" + requests);
  }

  private static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as("section " + id).isPositive();
    int end = html.indexOf("<h2>", start);
    return html.substring(start, end < 0 ? html.length() : end);
  }
}
