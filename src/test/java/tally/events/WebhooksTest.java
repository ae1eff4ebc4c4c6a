package tally.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tally.testing.Fixtures.charge;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.WebhookEndpoint;
import com.stripe.net.Webhook;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** Deliveries to a real local HTTP receiver, verified with stripe-java's own signature check. */
class WebhooksTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private HttpServer receiver;
  private final List<String[]> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
          if (status == 200) {
            received.add(
                new String[] {body, exchange.getRequestHeaders().getFirst("Stripe-Signature")});
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private WebhookEndpoint endpoint(StripeClient stripe, String... events) throws StripeException {
    var b = WebhookEndpointCreateParams.builder().setUrl(url());
    for (String e : events) {
      b.addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.valueOf(e));
    }
    return stripe.v1().webhookEndpoints().create(b.build());
  }

  @Test
  void deliveredEventsAreSignedAsStripeSignsThem() throws Exception {
    StripeClient stripe = SERVER.newClient();
    WebhookEndpoint we = endpoint(stripe, "CHARGE__SUCCEEDED");
    assertThat(we.getSecret()).startsWith("whsec_");
    assertThat(stripe.v1().webhookEndpoints().retrieve(we.getId()).getSecret()).isNull();
    charge(stripe, "tok_visa", 2000);
    charge(stripe, "tok_visa", 2100);
    Event listed = stripe.v1().events().list().getData().getFirst();
    assertThat(listed.getPendingWebhooks()).isEqualTo(1L);
    SERVER.runJobs();
    assertThat(received).hasSize(2);
    for (String[] delivery : received) {
      Event verified = Webhook.constructEvent(delivery[0], delivery[1], we.getSecret());
      assertThat(verified.getType()).isEqualTo("charge.succeeded");
    }
    assertThatThrownBy(() ->
            Webhook.constructEvent(received.getFirst()[0], received.getFirst()[1], "whsec_wrong"))
        .isInstanceOf(com.stripe.exception.SignatureVerificationException.class);
    assertThat(stripe.v1().events().retrieve(listed.getId()).getPendingWebhooks()).isZero();
  }

  @Test
  void anEndpointWithAnApiVersionReceivesEventsInIt() throws Exception {
    String key = SERVER.newKey();
    var created =
        SERVER.raw(
            "POST",
            "/v1/webhook_endpoints",
            key,
            "url=" + url() + "&enabled_events[]=customer.created&api_version=2024-06-20",
            java.util.Map.of());
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(tally.core.Json.tree(created.body()).path("api_version").asText())
        .isEqualTo("2024-06-20");
    var bad =
        SERVER.raw(
            "POST",
            "/v1/webhook_endpoints",
            key,
            "url=" + url() + "&enabled_events[]=*&api_version=banana",
            java.util.Map.of());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(tally.core.Json.tree(bad.body()).at("/error/param").asText())
        .isEqualTo("api_version");
    SERVER.raw("POST", "/v1/customers", key, "email=v@example.com", java.util.Map.of());
    SERVER.runJobs();
    assertThat(received).hasSize(1);
    assertThat(tally.core.Json.tree(received.getFirst()[0]).path("api_version").asText())
        .isEqualTo("2024-06-20");
    var listed = SERVER.raw("GET", "/v1/events", key, null, java.util.Map.of());
    assertThat(tally.core.Json.tree(listed.body()).at("/data/0/api_version").asText())
        .as("the event itself stays in the account's version")
        .isEqualTo(tally.api.ApiVersions.CURRENT);
  }

  @Test
  void aFailingEndpointIsRetriedWithBackoffOnTheClock() throws Exception {
    StripeClient stripe = SERVER.newClient();
    WebhookEndpoint we = endpoint(stripe, "ALL");
    failuresLeft.set(1);
    charge(stripe, "tok_visa", 2000);
    SERVER.runJobs();
    assertThat(received).isEmpty();
    SERVER.runJobs();
    assertThat(received).as("not yet due again").isEmpty();
    SERVER.clock().advance(Duration.ofMinutes(2));
    try {
      SERVER.runJobs();
    } finally {
      SERVER.clock().advance(Duration.ofMinutes(-2));
    }
    assertThat(received).hasSize(1);
    assertThat(
            Webhook.constructEvent(received.getFirst()[0], received.getFirst()[1], we.getSecret())
                .getType())
        .isEqualTo("charge.succeeded");
  }

  @Test
  void disabledAndDeletedEndpointsReceiveNothing() throws Exception {
    StripeClient stripe = SERVER.newClient();
    WebhookEndpoint we = endpoint(stripe, "ALL");
    WebhookEndpoint disabled =
        stripe
            .v1()
            .webhookEndpoints()
            .update(we.getId(), WebhookEndpointUpdateParams.builder().setDisabled(true).build());
    assertThat(disabled.getStatus()).isEqualTo("disabled");
    charge(stripe, "tok_visa", 2000);
    SERVER.runJobs();
    assertThat(received).isEmpty();
    WebhookEndpoint deleted = stripe.v1().webhookEndpoints().delete(we.getId());
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(stripe.v1().webhookEndpoints().list().getData()).isEmpty();
  }

  @Test
  void invalidEndpointsAreRefused() {
    StripeClient stripe = SERVER.newClient();
    assertStripeError(() ->
            stripe
                .v1()
                .webhookEndpoints()
                .create(
                    WebhookEndpointCreateParams.builder()
                        .setUrl("ftp://example.com")
                        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHARGE__SUCCEEDED)
                        .build()))
        .isInvalidRequest()
        .hasParam("url");
    var raw =
        SERVER.raw(
            "POST",
            "/v1/webhook_endpoints",
            SERVER.newKey(),
            "url=https://example.com/h&enabled_events[]=charge.exploded",
            java.util.Map.of());
    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(raw.body()).contains("enabled_events[0]");
  }
}
