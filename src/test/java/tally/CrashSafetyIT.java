package tally;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.net.RequestOptions;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeListParams;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tally.testing.Fixtures;
import tally.testing.TallyProcess;
import tally.testing.TestDatabases;

/**
 * kill -9 under load, on SQLite and on PostgreSQL: 32 clients write with idempotency keys (charges,
 * captures, PaymentIntents confirmed on create, and the billing writes of {@link BillingCrashLoad}:
 * invoices paid, finalized and voided, subscriptions created), the server dies mid-flight, and on
 * restart every acknowledged write is there, every unanswered request retried with its key succeeds
 * (replayed if it had committed, executed if not) and runs at most once, and the balance is what
 * the charges say. Every answer before the kill is a success: an error response (a 500 included)
 * fails the test.
 */
class CrashSafetyIT {
  private static final String KEY = "sk_test_crashSafety000000000000";
  private static final int CLIENTS = 32;
  private static final int RUNS = 3;

  /** One write request as sent: replaying it means sending exactly this again. */
  private record Sent(
      String kind,
      String key,
      ChargeCreateParams create,
      String chargeId,
      ChargeCaptureParams capture,
      com.stripe.param.PaymentIntentCreateParams intent) {}

  private record AckedCharge(String id, long amount, boolean captured) {}

  // Three kill -9 runs, each with two server starts (the first may train the AOT cache): 14-60 s
  // measured per database (60 s at load average 11 on two cores), past the 60 s default.
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void acknowledgedWritesSurviveKill9AndRetriesExecuteOnce(String database, @TempDir Path dir)
      throws Exception {
    int totalAcked = 0;
    int totalRetried = 0;
    int totalReplayed = 0;
    for (int run = 0; run < RUNS; run++) {
      String db =
          database.equals("postgres")
              ? freshPostgres(dir)
              : dir.resolve("crash-" + run + ".db").toString();
      Path log = dir.resolve("server-" + run + ".log");
      Map<String, AckedCharge> ackedCreates = new ConcurrentHashMap<>();
      Map<String, Long> ackedCaptures = new ConcurrentHashMap<>();
      Queue<Sent> unanswered = new ConcurrentLinkedQueue<>();
      Queue<AckedCharge> capturable = new ConcurrentLinkedQueue<>();
      Queue<String> errors = new ConcurrentLinkedQueue<>();

      TallyProcess server = TallyProcess.start(db, KEY, log);
      StripeClient stripe = client(server);
      BillingCrashLoad billing = BillingCrashLoad.prepare(stripe, 8);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        pool.submit(() ->
            load(
                stripe,
                stop,
                new Acks(ackedCreates, ackedCaptures),
                unanswered,
                capturable,
                billing,
                errors));
      }
      // The kill must land under load: on a busy machine the clients' first requests (class
      // loading, connection set-up) can take longer than the sleep below, so wait for them.
      long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ackedCreates.size() < CLIENTS && System.nanoTime() < warmDeadline) {
        Thread.sleep(20);
      }
      Thread.sleep(200 + 400L * run + ThreadLocalRandom.current().nextInt(300));
      server.kill9();
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(errors)
          .as("answers other than success before the kill; the server said:%n%s", problems(log))
          .isEmpty();
      assertThat(unanswered).as("requests in flight when the server died").isNotEmpty();
      totalRetried += billing.unanswered.size();

      try (TallyProcess restarted = TallyProcess.start(db, KEY, log)) {
        StripeClient after = client(restarted);
        for (BillingCrashLoad.Op op : billing.unanswered) {
          billing.send(after, op);
        }
        for (Sent s : unanswered) {
          Charge c = send(after, s);
          if (c.getLastResponse().headers().firstValue("Idempotent-Replayed").isPresent()) {
            totalReplayed++;
          }
          // A retried request's outcome is as binding as one answered the first time.
          if (!s.kind().equals("capture")) {
            assertThat(c.getMetadata()).containsEntry("op_key", s.key());
            ackedCreates.put(s.key(), new AckedCharge(c.getId(), c.getAmount(), c.getCaptured()));
          } else {
            assertThat(c.getId()).isEqualTo(s.chargeId());
            assertThat(c.getAmountCaptured()).isEqualTo(s.capture().getAmount());
            ackedCaptures.put(c.getId(), c.getAmountCaptured());
          }
        }
        verify(after, ackedCreates, ackedCaptures);
        billing.verify(after);
      }
      totalAcked += ackedCreates.size() + ackedCaptures.size() + billing.acknowledged();
      totalRetried += unanswered.size();
    }
    System.out.printf(
        "crash safety on %s: %d runs, %d acknowledged writes checked, %d unanswered requests"
            + " retried (%d replayed a write that had committed)%n",
        database, RUNS, totalAcked, totalRetried, totalReplayed);
    assertThat(totalAcked).isGreaterThan(RUNS * 10);
  }

  /** The server log's warnings and errors, for a failure's message. */
  private static String problems(Path log) {
    try (var lines = java.nio.file.Files.lines(log)) {
      return String.join(
          "\n",
          lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).limit(40).toList());
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static String freshPostgres(Path dir) {
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

  private static StripeClient client(TallyProcess server) {
    return StripeClient.builder()
        .setApiKey(KEY)
        .setApiBase(server.baseUrl())
        .setMaxNetworkRetries(0)
        .setReadTimeout(30_000)
        .build();
  }

  /** What the server acknowledged, by kind. */
  private record Acks(Map<String, AckedCharge> creates, Map<String, Long> captures) {}

  private static Void load(
      StripeClient stripe,
      AtomicBoolean stop,
      Acks acks,
      Queue<Sent> unanswered,
      Queue<AckedCharge> capturable,
      BillingCrashLoad billing,
      Queue<String> errors) {
    Map<String, AckedCharge> ackedCreates = acks.creates();
    Map<String, Long> ackedCaptures = acks.captures();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!stop.get()) {
      AckedCharge toCapture = random.nextBoolean() ? capturable.poll() : null;
      BillingCrashLoad.Op op =
          toCapture == null && random.nextInt(4) == 0 ? billing.next(random) : null;
      if (op != null) {
        try {
          billing.send(stripe, op);
        } catch (ApiConnectionException e) {
          billing.unanswered.add(op);
          return null;
        } catch (StripeException | RuntimeException e) {
          errors.add(op.kind() + " " + op.target() + ": " + e);
          return null;
        }
        continue;
      }
      Sent sent;
      if (toCapture != null) {
        long amount = random.nextBoolean() ? toCapture.amount() : toCapture.amount() / 2 + 50;
        sent =
            new Sent(
                "capture",
                "cap-" + UUID.randomUUID(),
                null,
                toCapture.id(),
                ChargeCaptureParams.builder().setAmount(amount).build(),
                null);
      } else if (random.nextInt(3) == 0) {
        // A PaymentIntent confirmed on create: its charge is made inside the same request.
        String key = "intent-" + UUID.randomUUID();
        sent =
            new Sent(
                "intent",
                key,
                null,
                null,
                null,
                com.stripe.param.PaymentIntentCreateParams.builder()
                    .setAmount(500L + random.nextInt(5000))
                    .setCurrency("usd")
                    .setPaymentMethod("pm_card_visa")
                    .setConfirm(true)
                    .putMetadata("op_key", key)
                    .build());
      } else {
        String key = "create-" + UUID.randomUUID();
        sent =
            new Sent(
                "create",
                key,
                ChargeCreateParams.builder()
                    .setAmount(500L + random.nextInt(5000))
                    .setCurrency("usd")
                    .setSource("tok_visa")
                    .setCapture(random.nextBoolean())
                    .putMetadata("op_key", key)
                    .build(),
                null,
                null,
                null);
      }
      try {
        Charge c = send(stripe, sent);
        if (!sent.kind().equals("capture")) {
          AckedCharge acked = new AckedCharge(c.getId(), c.getAmount(), c.getCaptured());
          ackedCreates.put(sent.key(), acked);
          if (!c.getCaptured()) {
            capturable.add(acked);
          }
        } else {
          ackedCaptures.put(c.getId(), c.getAmountCaptured());
        }
      } catch (ApiConnectionException e) {
        unanswered.add(sent);
        return null;
      } catch (StripeException | RuntimeException e) {
        // Each charge is captured by one client only, for at most its amount: nothing here is
        // refused, so any error answer (a 500 above all) is a failure.
        errors.add(sent.kind() + " " + sent.key() + ": " + e);
        return null;
      }
    }
    return null;
  }

  private static Charge send(StripeClient stripe, Sent s) throws StripeException {
    RequestOptions options = RequestOptions.builder().setIdempotencyKey(s.key()).build();
    if (s.kind().equals("intent")) {
      var pi = stripe.v1().paymentIntents().create(s.intent(), options);
      assertThat(pi.getStatus()).isEqualTo("succeeded");
      return stripe.v1().charges().retrieve(pi.getLatestCharge());
    }
    return s.kind().equals("create")
        ? stripe.v1().charges().create(s.create(), options)
        : stripe.v1().charges().capture(s.chargeId(), s.capture(), options);
  }

  private static void verify(
      StripeClient stripe, Map<String, AckedCharge> ackedCreates, Map<String, Long> ackedCaptures)
      throws StripeException {
    Map<String, Charge> byId = new HashMap<>();
    Map<String, Integer> perKey = new HashMap<>();
    for (Charge c :
        stripe
            .v1()
            .charges()
            .list(ChargeListParams.builder().setLimit(100L).build())
            .autoPagingIterable()) {
      byId.put(c.getId(), c);
      if (c.getMetadata().get("op_key") != null) {
        perKey.merge(c.getMetadata().get("op_key"), 1, Integer::sum);
      }
      assertThat(c.getAmountCaptured()).isLessThanOrEqualTo(c.getAmount());
      assertThat(c.getAmountRefunded()).isLessThanOrEqualTo(c.getAmount());
    }
    assertThat(perKey.values())
        .as("each idempotency key created at most one charge")
        .allMatch(n -> n == 1);
    ackedCreates.forEach((key, acked) -> {
      Charge c = byId.get(acked.id());
      assertThat(c).as("acknowledged charge %s", acked.id()).isNotNull();
      assertThat(c.getAmount()).isEqualTo(acked.amount());
      if (acked.captured()) {
        assertThat(c.getCaptured()).isTrue();
      }
    });
    ackedCaptures.forEach((id, amount) -> {
      assertThat(byId.get(id).getCaptured()).isTrue();
      assertThat(byId.get(id).getAmountCaptured()).isEqualTo(amount);
    });
    Map<String, Integer> chargeTxns = new HashMap<>();
    for (BalanceTransaction t :
        stripe
            .v1()
            .balanceTransactions()
            .list(BalanceTransactionListParams.builder().setLimit(100L).build())
            .autoPagingIterable()) {
      if (t.getType().equals("charge")) {
        chargeTxns.merge(t.getSource(), 1, Integer::sum);
      }
    }
    byId.values().stream()
        .filter(Charge::getCaptured)
        .forEach(c ->
            assertThat(chargeTxns.get(c.getId()))
                .as("one charge txn for %s", c.getId())
                .isEqualTo(1));
    assertThat(chargeTxns.values()).allMatch(n -> n == 1);
    long expected = byId.values().stream().mapToLong(Fixtures::balanceContribution).sum();
    var balance = stripe.v1().balance().retrieve();
    long total =
        balance.getAvailable().stream().mapToLong(a -> a.getAmount()).sum()
            + balance.getPending().stream().mapToLong(a -> a.getAmount()).sum();
    assertThat(total)
        .as("balance equals what the %d charges add up to", byId.size())
        .isEqualTo(expected);
  }
}
