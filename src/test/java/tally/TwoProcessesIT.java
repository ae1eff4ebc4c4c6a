package tally;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.authorize;
import static tally.testing.Fixtures.balanceContribution;
import static tally.testing.Fixtures.charge;
import static tally.testing.Fixtures.chargeParams;

import com.stripe.StripeClient;
import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.ChargeListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tally.testing.Concurrently;
import tally.testing.TallyProcess;
import tally.testing.TestDatabases;

/**
 * Two {@code ./tally serve} processes on one PostgreSQL, 24 clients split over both: captures,
 * refunds, PaymentIntent confirms and captures, and one idempotency key raced across processes. The
 * database alone keeps money right.
 */
class TwoProcessesIT {
  private static final String KEY = "sk_test_twoProcesses00000000000";
  private static final int CLIENTS = 24;
  @TempDir static Path dir;
  private static TallyProcess a;
  private static TallyProcess b;
  private static List<StripeClient> clients;

  // Starts PostgreSQL and two JVMs (training the AOT cache if the jar is new): 5-70 s measured on a
  // shared, loaded machine.
  @BeforeAll
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  static void start() throws Exception {
    String db = freshPostgres();
    // Both start at once: both migrate and register the same key concurrently.
    var starting = java.util.concurrent.Executors.newFixedThreadPool(2);
    var first = starting.submit(() -> TallyProcess.start(db, KEY, dir.resolve("a.log")));
    var second = starting.submit(() -> TallyProcess.start(db, KEY, dir.resolve("b.log")));
    a = first.get();
    b = second.get();
    starting.shutdown();
    clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      TallyProcess server = i % 2 == 0 ? a : b;
      clients.add(
          StripeClient.builder()
              .setApiKey(KEY)
              .setApiBase(server.baseUrl())
              .setMaxNetworkRetries(0)
              .build());
    }
  }

  private static String freshPostgres() {
    String previous = System.setProperty("tally.test.db", "postgres");
    try {
      return TestDatabases.fresh(dir);
    } finally {
      if (previous == null) {
        System.clearProperty("tally.test.db");
      } else {
        System.setProperty("tally.test.db", previous);
      }
    }
  }

  @AfterAll
  static void stop() {
    try {
      a.close(); // fails on a response that did not match Stripe's shapes
    } finally {
      b.close();
    }
  }

  private interface Race {
    void run(StripeClient client, int index) throws Exception;
  }

  private static void race(Race race) throws Exception {
    Concurrently.run(CLIENTS, index -> race.run(clients.get(index), index));
  }

  @Test
  void capturesAcrossProcessesCaptureEachChargeOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(authorize(clients.get(0), "tok_visa", 5000).getId());
    }
    Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    race((client, index) -> {
      for (String id : ids) {
        try {
          client.v1().charges().capture(id);
          wins.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        } catch (InvalidRequestException e) {
          assertThat(e.getCode()).isEqualTo("charge_already_captured");
          refused.incrementAndGet();
        }
      }
    });
    assertThat(wins).hasSize(ids.size());
    assertThat(wins.values()).allMatch(n -> n.get() == 1);
    assertThat(refused).hasValue(ids.size() * (CLIENTS - 1));
    for (String id : ids) {
      var txns =
          clients
              .get(1)
              .v1()
              .balanceTransactions()
              .list(BalanceTransactionListParams.builder().setSource(id).build())
              .getData();
      assertThat(txns).hasSize(1);
    }
  }

  @Test
  void oneMeterEventIdentifierSentToBothProcessesAtOnceIsStoredOnce() throws Exception {
    var meter =
        clients
            .get(0)
            .v1()
            .billing()
            .meters()
            .create(
                com.stripe.param.billing.MeterCreateParams.builder()
                    .setDisplayName("Raced")
                    .setEventName("raced_calls")
                    .setDefaultAggregation(
                        com.stripe.param.billing.MeterCreateParams.DefaultAggregation.builder()
                            .setFormula(
                                com.stripe.param.billing.MeterCreateParams.DefaultAggregation
                                    .Formula.SUM)
                            .build())
                    .build());
    String raced =
        clients
            .get(0)
            .v1()
            .customers()
            .create(
                com.stripe.param.CustomerCreateParams.builder()
                    .setEmail("raced@example.com")
                    .build())
            .getId();
    // Half the clients send it on v1, half on the v2 stream, each through its own process.
    List<String> tokens = new ArrayList<>();
    for (TallyProcess server : List.of(a, b)) {
      StripeClient viaServer =
          StripeClient.builder()
              .setApiKey(KEY)
              .setApiBase(server.baseUrl())
              .setMaxNetworkRetries(0)
              .build();
      tokens.add(viaServer.v2().billing().meterEventSession().create().getAuthenticationToken());
    }
    AtomicInteger accepted = new AtomicInteger();
    race((client, index) -> {
      for (int round = 0; round < 5; round++) {
        String identifier = "raced-" + round;
        if (index % 4 < 2) {
          try {
            client
                .v1()
                .billing()
                .meterEvents()
                .create(
                    com.stripe.param.billing.MeterEventCreateParams.builder()
                        .setEventName("raced_calls")
                        .putPayload("stripe_customer_id", raced)
                        .putPayload("value", "1")
                        .setIdentifier(identifier)
                        .build());
            accepted.incrementAndGet();
          } catch (InvalidRequestException e) {
            assertThat(e.getStripeError().getParam()).isEqualTo("identifier");
          }
        } else {
          TallyProcess server = index % 2 == 0 ? a : b;
          StripeClient streaming =
              StripeClient.builder()
                  .setApiKey(tokens.get(index % 2))
                  .setMeterEventsBase(server.baseUrl())
                  .setMaxNetworkRetries(0)
                  .build();
          streaming
              .v2()
              .billing()
              .meterEventStream()
              .create(
                  com.stripe.param.v2.billing.MeterEventStreamCreateParams.builder()
                      .addEvent(
                          com.stripe.param.v2.billing.MeterEventStreamCreateParams.Event.builder()
                              .setEventName("raced_calls")
                              .putPayload("stripe_customer_id", raced)
                              .putPayload("value", "1")
                              .setIdentifier(identifier)
                              .build())
                      .build());
        }
      }
    });
    assertThat(accepted.get()).isLessThanOrEqualTo(5);
    long end = (System.currentTimeMillis() / 60_000 + 10) * 60;
    var summaries =
        clients
            .get(1)
            .v1()
            .billing()
            .meters()
            .eventSummaries()
            .list(
                meter.getId(),
                com.stripe.param.billing.MeterEventSummaryListParams.builder()
                    .setCustomer(raced)
                    .setStartTime(end - 86_400)
                    .setEndTime(end)
                    .build())
            .getData();
    assertThat(summaries.getFirst().getAggregatedValue()).isEqualByComparingTo("5");
  }

  private static PaymentIntent intent(long amount, PaymentIntentCreateParams.CaptureMethod capture)
      throws Exception {
    return clients
        .get(0)
        .v1()
        .paymentIntents()
        .create(
            PaymentIntentCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .setPaymentMethod("pm_card_visa")
                .setCaptureMethod(capture)
                .build());
  }

  /** How many of the intent's charges there are, and its balance transactions. */
  private static void assertChargedOnce(String intent) throws Exception {
    StripeClient reader = clients.get(1);
    var charges =
        reader
            .v1()
            .charges()
            .list(ChargeListParams.builder().setPaymentIntent(intent).build())
            .getData();
    assertThat(charges).hasSize(1);
    assertThat(
            reader
                .v1()
                .balanceTransactions()
                .list(
                    BalanceTransactionListParams.builder()
                        .setSource(charges.getFirst().getId())
                        .build())
                .getData())
        .hasSize(1);
  }

  /**
   * 24 clients over two processes confirm each of four intents at once: each is confirmed exactly
   * once, the others get {@code payment_intent_unexpected_state}, and each has one charge.
   */
  @Test
  void confirmsAcrossProcessesConfirmEachIntentOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(intent(3100 + i, PaymentIntentCreateParams.CaptureMethod.AUTOMATIC).getId());
    }
    Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    race((client, index) -> {
      for (String id : ids) {
        try {
          assertThat(client.v1().paymentIntents().confirm(id).getStatus()).isEqualTo("succeeded");
          wins.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        } catch (InvalidRequestException e) {
          assertThat(e.getCode()).isEqualTo("payment_intent_unexpected_state");
          refused.incrementAndGet();
        }
      }
    });
    assertThat(wins).hasSize(ids.size());
    assertThat(wins.values()).allMatch(n -> n.get() == 1);
    assertThat(refused.get()).isEqualTo(ids.size() * (CLIENTS - 1));
    for (String id : ids) {
      assertThat(clients.get(1).v1().paymentIntents().retrieve(id).getStatus())
          .isEqualTo("succeeded");
      assertChargedOnce(id);
    }
  }

  /** The same for captures of authorized (manual-capture) intents. */
  @Test
  void capturesAcrossProcessesCaptureEachIntentOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = intent(4100 + i, PaymentIntentCreateParams.CaptureMethod.MANUAL).getId();
      assertThat(clients.get(0).v1().paymentIntents().confirm(id).getStatus())
          .isEqualTo("requires_capture");
      ids.add(id);
    }
    Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
    AtomicInteger refused = new AtomicInteger();
    race((client, index) -> {
      for (String id : ids) {
        try {
          assertThat(client.v1().paymentIntents().capture(id).getAmountReceived()).isPositive();
          wins.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        } catch (InvalidRequestException e) {
          assertThat(e.getCode()).isEqualTo("payment_intent_unexpected_state");
          refused.incrementAndGet();
        }
      }
    });
    assertThat(wins).hasSize(ids.size());
    assertThat(wins.values()).allMatch(n -> n.get() == 1);
    assertThat(refused.get()).isEqualTo(ids.size() * (CLIENTS - 1));
    for (String id : ids) {
      PaymentIntent pi = clients.get(1).v1().paymentIntents().retrieve(id);
      assertThat(pi.getStatus()).isEqualTo("succeeded");
      assertThat(pi.getAmountReceived()).isEqualTo(pi.getAmount());
      assertChargedOnce(id);
    }
  }

  /**
   * 72 refunds of $7 race for a $100 charge over both processes: exactly 14 fit ($98), so exactly
   * 14 are accepted and the other 58 are refused for their amount.
   */
  @Test
  void refundsAcrossProcessesNeverExceedTheCharge() throws Exception {
    Charge c = charge(clients.get(0), "tok_visa", 10_000);
    AtomicInteger accepted = new AtomicInteger();
    List<String> refused = Collections.synchronizedList(new ArrayList<>());
    race((client, index) -> {
      for (int k = 0; k < 3; k++) {
        try {
          client
              .v1()
              .refunds()
              .create(RefundCreateParams.builder().setCharge(c.getId()).setAmount(700L).build());
          accepted.incrementAndGet();
        } catch (InvalidRequestException e) {
          assertThat(e.getParam()).isEqualTo("amount");
          refused.add(e.getStripeError().getMessage());
        }
      }
    });
    assertThat(accepted).hasValue(14);
    assertThat(refused).hasSize(3 * CLIENTS - 14).allMatch(m -> m.startsWith("Refund amount ("));
    assertThat(clients.get(1).v1().charges().retrieve(c.getId()).getAmountRefunded())
        .isEqualTo(14 * 700L);
  }

  @Test
  void oneIdempotencyKeyAcrossProcessesExecutesOnce() throws Exception {
    Set<String> charged = ConcurrentHashMap.newKeySet();
    AtomicInteger executed = new AtomicInteger();
    AtomicInteger replayedOrInUse = new AtomicInteger();
    RequestOptions key = RequestOptions.builder().setIdempotencyKey("two-process-key").build();
    race((client, index) -> {
      try {
        Charge c = client.v1().charges().create(chargeParams("tok_visa", 777).build(), key);
        charged.add(c.getId());
        boolean replay =
            c.getLastResponse().headers().firstValue("Idempotent-Replayed").isPresent();
        (replay ? replayedOrInUse : executed).incrementAndGet();
      } catch (ApiException e) {
        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(e.getCode()).isEqualTo("idempotency_key_in_use");
        replayedOrInUse.incrementAndGet();
      }
    });
    assertThat(executed).hasValue(1);
    assertThat(replayedOrInUse).hasValue(CLIENTS - 1);
    assertThat(charged).hasSize(1);
    long sevens = 0;
    for (Charge ch :
        clients
            .get(0)
            .v1()
            .charges()
            .list(ChargeListParams.builder().setLimit(100L).build())
            .autoPagingIterable()) {
      if (ch.getAmount() == 777L) {
        sevens++;
      }
    }
    assertThat(sevens).isEqualTo(1);
  }

  /**
   * The balance (available + pending) equals what the account's charges say it should, computed
   * from the charges alone with Stripe's card pricing (2.9% + 30¢ of the captured amount, kept on
   * refunds): never from the balance transactions the balance is summed from. It first makes
   * charges of its own on both processes, so it never compares two zeros.
   */
  @Test
  void theLedgerMatchesTheCharges() throws Exception {
    Charge full = charge(clients.get(0), "tok_visa", 4_321);
    Charge partial = authorize(clients.get(1), "tok_visa", 5_000);
    clients
        .get(0)
        .v1()
        .charges()
        .capture(
            partial.getId(),
            com.stripe.param.ChargeCaptureParams.builder().setAmount(3_210L).build());
    clients
        .get(1)
        .v1()
        .refunds()
        .create(RefundCreateParams.builder().setCharge(full.getId()).setAmount(1_000L).build());
    authorize(clients.get(0), "tok_visa", 999);
    long expected = 0;
    int captured = 0;
    for (Charge ch :
        clients
            .get(0)
            .v1()
            .charges()
            .list(ChargeListParams.builder().setLimit(100L).build())
            .autoPagingIterable()) {
      expected += balanceContribution(ch);
      captured += ch.getCaptured() ? 1 : 0;
    }
    assertThat(captured).isGreaterThanOrEqualTo(2);
    var balance = clients.get(1).v1().balance().retrieve();
    long total =
        balance.getAvailable().stream().mapToLong(x -> x.getAmount()).sum()
            + balance.getPending().stream().mapToLong(x -> x.getAmount()).sum();
    assertThat(expected).isPositive();
    assertThat(total).isEqualTo(expected);
  }

  /**
   * 24 clients over two processes each add their own metadata key to one refund and one customer at
   * once: every update merges under the row lock, so all 24 keys survive on both objects.
   */
  @Test
  void concurrentMetadataUpdatesAcrossProcessesLoseNothing() throws Exception {
    StripeClient setup = clients.get(0);
    Charge charge = charge(setup, "tok_visa", 5000);
    String refund =
        setup
            .v1()
            .refunds()
            .create(RefundCreateParams.builder().setCharge(charge.getId()).setAmount(100L).build())
            .getId();
    String customer =
        setup
            .v1()
            .customers()
            .create(com.stripe.param.CustomerCreateParams.builder().build())
            .getId();
    race((client, index) -> {
      client
          .v1()
          .refunds()
          .update(
              refund,
              com.stripe.param.RefundUpdateParams.builder()
                  .putMetadata("k" + index, "v" + index)
                  .build());
      client
          .v1()
          .customers()
          .update(
              customer,
              com.stripe.param.CustomerUpdateParams.builder()
                  .putMetadata("k" + index, "v" + index)
                  .build());
    });
    var refundMetadata = clients.get(1).v1().refunds().retrieve(refund).getMetadata();
    var customerMetadata = clients.get(1).v1().customers().retrieve(customer).getMetadata();
    assertThat(refundMetadata).hasSize(CLIENTS);
    assertThat(customerMetadata).hasSize(CLIENTS);
    for (int i = 0; i < CLIENTS; i++) {
      assertThat(refundMetadata).containsEntry("k" + i, "v" + i);
      assertThat(customerMetadata).containsEntry("k" + i, "v" + i);
    }
  }

  /**
   * Both processes' clock-driven workers advance the same test clock six months past three monthly
   * subscriptions of one customer: each period is billed and paid exactly once, and the customer's
   * invoice numbers, taken by finalizations racing across the processes, are each given once.
   */
  @Test
  void twoProcessesAdvancingOneClockBillEachPeriodOnce() throws Exception {
    long start = 1_767_225_600L;
    StripeClient first = clients.get(0);
    StripeClient second = clients.get(1);
    var clock =
        first
            .v1()
            .testHelpers()
            .testClocks()
            .create(
                com.stripe.param.testhelpers.TestClockCreateParams.builder()
                    .setFrozenTime(start)
                    .build());
    var customer =
        first
            .v1()
            .customers()
            .create(
                com.stripe.param.CustomerCreateParams.builder()
                    .setTestClock(clock.getId())
                    .build());
    tally.testing.Fixtures.defaultCard(first, customer.getId(), "tok_visa");
    var price =
        first
            .v1()
            .prices()
            .create(
                com.stripe.param.PriceCreateParams.builder()
                    .setCurrency("usd")
                    .setUnitAmount(1200L)
                    .setRecurring(
                        com.stripe.param.PriceCreateParams.Recurring.builder()
                            .setInterval(
                                com.stripe.param.PriceCreateParams.Recurring.Interval.MONTH)
                            .build())
                    .setProductData(
                        com.stripe.param.PriceCreateParams.ProductData.builder()
                            .setName("Shared clock")
                            .build())
                    .build());
    List<String> subs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      subs.add(
          clients
              .get(i)
              .v1()
              .subscriptions()
              .create(
                  com.stripe.param.SubscriptionCreateParams.builder()
                      .setCustomer(customer.getId())
                      .addItem(
                          com.stripe.param.SubscriptionCreateParams.Item.builder()
                              .setPrice(price.getId())
                              .build())
                      .build())
              .getId());
    }
    long target = start + 182 * 86_400L + 7200; // July 2, 2026: six renewals since January 1
    second
        .v1()
        .testHelpers()
        .testClocks()
        .advance(
            clock.getId(),
            com.stripe.param.testhelpers.TestClockAdvanceParams.builder()
                .setFrozenTime(target)
                .build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!"ready"
        .equals(first.v1().testHelpers().testClocks().retrieve(clock.getId()).getStatus())) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(100);
    }
    // One process may call the clock ready while the other still finishes a row it took.
    List<com.stripe.model.Invoice> invoices = customerInvoices(second, customer.getId());
    while (invoices.size() < 21 || !invoices.stream().allMatch(i -> "paid".equals(i.getStatus()))) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(100);
      invoices = customerInvoices(second, customer.getId());
    }
    assertThat(invoices).hasSize(21);
    for (String sub : subs) {
      var own = invoices.stream().filter(i -> sub.equals(subscriptionOf(i))).toList();
      assertThat(own).hasSize(7);
      assertThat(own.stream().map(i -> i.getPeriodStart()).distinct()).hasSize(7);
    }
    assertThat(
            second
                .v1()
                .charges()
                .list(
                    com.stripe.param.ChargeListParams.builder()
                        .setCustomer(customer.getId())
                        .setLimit(100L)
                        .build())
                .getData())
        .hasSize(21);
    assertNumberedOnceEach(invoices, 21);
  }

  /** Every client finalizes its own draft of one customer at once, half through each process. */
  @Test
  void finalizationsRacingAcrossProcessesNumberEachInvoiceOnce() throws Exception {
    var customer = tally.testing.Fixtures.customer(clients.get(0), "numbers@example.com");
    List<String> drafts = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      drafts.add(
          clients
              .get(i)
              .v1()
              .invoices()
              .create(
                  com.stripe.param.InvoiceCreateParams.builder()
                      .setCustomer(customer.getId())
                      .setCurrency("usd")
                      .build())
              .getId());
    }
    race((client, index) -> client.v1().invoices().finalizeInvoice(drafts.get(index)));
    assertNumberedOnceEach(customerInvoices(clients.get(1), customer.getId()), CLIENTS);
  }

  private static List<com.stripe.model.Invoice> customerInvoices(
      StripeClient client, String customer) throws Exception {
    return client
        .v1()
        .invoices()
        .list(
            com.stripe.param.InvoiceListParams.builder()
                .setCustomer(customer)
                .setLimit(100L)
                .build())
        .getData();
  }

  private static String subscriptionOf(com.stripe.model.Invoice invoice) {
    var parent = invoice.getParent();
    return parent == null || parent.getSubscriptionDetails() == null
        ? null
        : parent.getSubscriptionDetails().getSubscription();
  }

  /** The customer's invoices carry its prefix numbered 0001 to {@code count}, each once. */
  private static void assertNumberedOnceEach(List<com.stripe.model.Invoice> invoices, int count) {
    assertThat(invoices).hasSize(count);
    String prefix = invoices.getFirst().getNumber().split("-")[0];
    List<String> expected = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      expected.add(prefix + "-" + String.format("%04d", n));
    }
    assertThat(invoices)
        .extracting(com.stripe.model.Invoice::getNumber)
        .containsExactlyInAnyOrderElementsOf(expected);
  }
}
