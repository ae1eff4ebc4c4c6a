package tally;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.net.RequestOptions;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeListParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tally.testing.TallyProcess;

/**
 * kill -9 under load: 32 clients write with idempotency keys, the server dies mid-flight, and on
 * restart every acknowledged write is there, every unanswered request retried with its key runs at
 * most once, and the ledger adds up.
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
      ChargeCaptureParams capture) {}

  private record AckedCharge(String id, long amount, boolean captured) {}

  // Three kill -9 runs, each with two server starts: 14-43 s measured, past the 60 s default on a
  // loaded machine.
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  @Test
  void acknowledgedWritesSurviveKill9AndRetriesExecuteOnce(@TempDir Path dir) throws Exception {
    int totalAcked = 0;
    int totalRetried = 0;
    for (int run = 0; run < RUNS; run++) {
      String db = dir.resolve("crash-" + run + ".db").toString();
      Path log = dir.resolve("server-" + run + ".log");
      Map<String, AckedCharge> ackedCreates = new ConcurrentHashMap<>();
      Map<String, Long> ackedCaptures = new ConcurrentHashMap<>();
      Queue<Sent> unanswered = new ConcurrentLinkedQueue<>();
      Queue<AckedCharge> capturable = new ConcurrentLinkedQueue<>();

      TallyProcess server = TallyProcess.start(db, KEY, log);
      StripeClient stripe = client(server);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        pool.submit(() -> load(stripe, stop, ackedCreates, ackedCaptures, unanswered, capturable));
      }
      Thread.sleep(400 + 500L * run + ThreadLocalRandom.current().nextInt(300));
      server.kill9();
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      try (TallyProcess restarted = TallyProcess.start(db, KEY, log)) {
        StripeClient after = client(restarted);
        for (Sent s : unanswered) {
          retry(after, s);
        }
        verify(after, ackedCreates, ackedCaptures);
      }
      totalAcked += ackedCreates.size() + ackedCaptures.size();
      totalRetried += unanswered.size();
    }
    System.out.printf(
        "crash safety: %d runs, %d acknowledged writes checked, %d unanswered requests retried%n",
        RUNS, totalAcked, totalRetried);
    assertThat(totalAcked).isGreaterThan(RUNS * 10);
  }

  private static StripeClient client(TallyProcess server) {
    return StripeClient.builder()
        .setApiKey(KEY)
        .setApiBase(server.baseUrl())
        .setMaxNetworkRetries(0)
        .setReadTimeout(30_000)
        .build();
  }

  private static Void load(
      StripeClient stripe,
      AtomicBoolean stop,
      Map<String, AckedCharge> ackedCreates,
      Map<String, Long> ackedCaptures,
      Queue<Sent> unanswered,
      Queue<AckedCharge> capturable) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (!stop.get()) {
      AckedCharge toCapture = random.nextBoolean() ? capturable.poll() : null;
      Sent sent;
      if (toCapture != null) {
        long amount = random.nextBoolean() ? toCapture.amount() : toCapture.amount() / 2 + 50;
        sent =
            new Sent(
                "capture",
                "cap-" + UUID.randomUUID(),
                null,
                toCapture.id(),
                ChargeCaptureParams.builder().setAmount(amount).build());
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
                null);
      }
      try {
        Object result = send(stripe, sent);
        if (result instanceof Charge c && sent.kind().equals("create")) {
          AckedCharge acked = new AckedCharge(c.getId(), c.getAmount(), c.getCaptured());
          ackedCreates.put(sent.key(), acked);
          if (!c.getCaptured()) {
            capturable.add(acked);
          }
        } else if (result instanceof Charge c) {
          ackedCaptures.put(c.getId(), c.getAmountCaptured());
        }
      } catch (ApiConnectionException e) {
        unanswered.add(sent);
        return null;
      } catch (StripeException e) {
        // An answered refusal (e.g. already captured) is a fine outcome under load.
      }
    }
    return null;
  }

  private static Object send(StripeClient stripe, Sent s) throws StripeException {
    RequestOptions options = RequestOptions.builder().setIdempotencyKey(s.key()).build();
    return s.kind().equals("create")
        ? stripe.v1().charges().create(s.create(), options)
        : stripe.v1().charges().capture(s.chargeId(), s.capture(), options);
  }

  private static void retry(StripeClient stripe, Sent s) throws StripeException {
    try {
      send(stripe, s);
    } catch (InvalidRequestException e) {
      // A capture whose charge never committed is a 404; one that lost a race is refused. Both
      // fine.
    }
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
      perKey.merge(c.getMetadata().get("op_key"), 1, Integer::sum);
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
    long net = 0;
    Map<String, Integer> chargeTxns = new HashMap<>();
    List<BalanceTransaction> txns = new ArrayList<>();
    for (BalanceTransaction t :
        stripe
            .v1()
            .balanceTransactions()
            .list(BalanceTransactionListParams.builder().setLimit(100L).build())
            .autoPagingIterable()) {
      txns.add(t);
      net += t.getNet();
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
    var balance = stripe.v1().balance().retrieve();
    long total =
        balance.getAvailable().stream().mapToLong(a -> a.getAmount()).sum()
            + balance.getPending().stream().mapToLong(a -> a.getAmount()).sum();
    assertThat(total).as("balance equals the sum of %d transactions", txns.size()).isEqualTo(net);
  }
}
