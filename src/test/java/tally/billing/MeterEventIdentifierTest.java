package tally.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;
import static tally.testing.Fixtures.sumMeter;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEvent;
import com.stripe.param.billing.MeterEventCreateParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Concurrently;
import tally.testing.TallyServer;

/** Stripe's rules for v1 meter events: the 24-hour identifier, the timestamp window, races. */
class MeterEventIdentifierTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private MeterEvent send(String name, String customer, String value, String identifier)
      throws StripeException {
    return stripe
        .v1()
        .billing()
        .meterEvents()
        .create(
            MeterEventCreateParams.builder()
                .setEventName(name)
                .putPayload("stripe_customer_id", customer)
                .putPayload("value", value)
                .setIdentifier(identifier)
                .build());
  }

  private BigDecimal usage(Meter m, String customer) throws StripeException {
    return tally.testing.Fixtures.usage(stripe, SERVER.clock().nowSeconds(), m, customer, 36);
  }

  @Test
  void anIdentifierIsUniqueForTwentyFourHoursThenFreeAgain() throws Exception {
    String cusI = customer(stripe, "i@example.com").getId();
    Meter m = sumMeter(stripe, "daily_ids");
    send("daily_ids", cusI, "10", "order-1");
    SERVER.clock().advance(Duration.ofHours(23).plusMinutes(59));
    assertStripeError(() -> send("daily_ids", cusI, "10", "order-1"))
        .isInvalidRequest()
        .hasParam("identifier")
        .hasMessageContaining("order-1");
    assertThat(usage(m, cusI)).isEqualByComparingTo("10");
    SERVER.clock().advance(Duration.ofMinutes(1));
    send("daily_ids", cusI, "7", "order-1");
    assertThat(usage(m, cusI)).isEqualByComparingTo("17");
    // Per account: another account may use the same identifier at once.
    StripeClient other = SERVER.newClient();
    sumMeter(other, "daily_ids");
    other
        .v1()
        .billing()
        .meterEvents()
        .create(
            MeterEventCreateParams.builder()
                .setEventName("daily_ids")
                .putPayload("stripe_customer_id", customer(other, "i@example.com").getId())
                .putPayload("value", "1")
                .setIdentifier("order-1")
                .build());
  }

  @Test
  void theTimestampWindowIsThirtyFiveDaysBackAndFiveMinutesAhead() throws Exception {
    String cusW = customer(stripe, "w@example.com").getId();
    Meter m = sumMeter(stripe, "windowed");
    long now = SERVER.clock().nowSeconds();
    for (long ts : new long[] {now - 35L * 86_400 - 1, now + 301}) {
      assertStripeError(() ->
              stripe
                  .v1()
                  .billing()
                  .meterEvents()
                  .create(
                      MeterEventCreateParams.builder()
                          .setEventName("windowed")
                          .putPayload("stripe_customer_id", cusW)
                          .putPayload("value", "100")
                          .setTimestamp(ts)
                          .build()))
          .isInvalidRequest()
          .hasParam("timestamp");
    }
    for (long ts : new long[] {now - 35L * 86_400 + 600, now + 300}) {
      stripe
          .v1()
          .billing()
          .meterEvents()
          .create(
              MeterEventCreateParams.builder()
                  .setEventName("windowed")
                  .putPayload("stripe_customer_id", cusW)
                  .putPayload("value", "1")
                  .setTimestamp(ts)
                  .build());
    }
    assertThat(usage(m, cusW)).isEqualByComparingTo("2");
  }

  @Test
  void eventsWithProblemsAreAcceptedButNeverCounted() throws Exception {
    String cusG = customer(stripe, "g@example.com").getId();
    Meter m = sumMeter(stripe, "guarded");
    send("guarded", cusG, "4", "ok-1");
    send("guarded", cusG, "abc", "bad-value");
    send("guarded", cusG, "-3", "negative");
    stripe.v1().billing().meters().deactivate(m.getId());
    send("guarded", cusG, "1000", "while-inactive");
    stripe.v1().billing().meters().reactivate(m.getId());
    assertThat(usage(m, cusG)).isEqualByComparingTo("4");
    // A rejected event did not take its identifier.
    send("guarded", cusG, "6", "bad-value");
    assertThat(usage(m, cusG)).isEqualByComparingTo("10");
  }

  @Test
  void concurrentIngestsOfOneIdentifierStoreItOnce() throws Exception {
    String cusR = customer(stripe, "r@example.com").getId();
    Meter m = sumMeter(stripe, "raced");
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    Concurrently.run(
        16,
        i -> {
          try {
            send("raced", cusR, "5", "the-one");
            accepted.incrementAndGet();
          } catch (InvalidRequestException e) {
            assertThat(e.getStripeError().getParam()).isEqualTo("identifier");
            refused.incrementAndGet();
          }
        });
    assertThat(accepted.get()).isEqualTo(1);
    assertThat(refused.get()).isEqualTo(15);
    assertThat(usage(m, cusR)).isEqualByComparingTo("5");
  }
}
