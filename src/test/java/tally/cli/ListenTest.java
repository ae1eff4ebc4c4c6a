package tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/**
 * {@code tally listen}'s forwarding: only events after it started, only the types asked for, oldest
 * first, each signed so that stripe-java's {@code Webhook.constructEvent} accepts it.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ListenTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private HttpServer receiver;
  private final List<String[]> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new String[] {
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("Stripe-Signature")
              });
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private Forwarder forwarder(String key, Set<String> types, ByteArrayOutputStream out) {
    return new Forwarder(
        new ApiClient(SERVER.baseUrl(), key),
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
        types,
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private static void charge(String key) {
    SERVER.raw("POST", "/v1/charges", key, "amount=1500&currency=usd&source=tok_visa", Map.of());
  }

  @Test
  void onlyTheChosenTypesAreForwardedSignedAndInOrder() throws Exception {
    String key = SERVER.newKey();
    SERVER.raw("POST", "/v1/customers", key, "email=before@example.com", Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Forwarder f = forwarder(key, Set.of("charge.succeeded", "customer.created"), out);
    f.start();
    assertThat(f.poll()).as("nothing from before it started").isZero();
    charge(key);
    SERVER.raw("POST", "/v1/customers", key, "email=after@example.com", Map.of());
    SERVER.raw("POST", "/v1/customers/cus_nope", key, "email=x@example.com", Map.of());
    charge(key);
    SERVER.raw(
        "POST", "/v1/products", key, "name=Not+forwarded", Map.of()); // product.created: filtered
    assertThat(f.poll()).isEqualTo(3);
    assertThat(f.poll()).as("each event once").isZero();
    assertThat(received).hasSize(3);
    List<String> types =
        received.stream()
            .map(r -> {
              try {
                Event e = Webhook.constructEvent(r[0], r[1], f.secret());
                return e.getType();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            })
            .toList();
    assertThat(types).containsExactly("charge.succeeded", "customer.created", "charge.succeeded");
    assertThat(f.secret()).startsWith("whsec_");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--> charge.succeeded [evt_")
        .contains("<-- [200] POST http://127.0.0.1:");
  }

  @Test
  void withoutAFilterEveryNewEventIsForwardedAcrossPages() throws Exception {
    String key = SERVER.newKey();
    Forwarder f = forwarder(key, Set.of(), new ByteArrayOutputStream());
    f.start();
    for (int i = 0; i < 120; i++) {
      SERVER.raw("POST", "/v1/customers", key, "email=c" + i + "@example.com", Map.of());
    }
    assertThat(f.poll()).as("more than one page of 100").isEqualTo(120);
    assertThat(received).hasSize(120);
    assertThat(received.getFirst()[0]).contains("c0@example.com");
    assertThat(received.getLast()[0]).contains("c119@example.com");
  }
}
