package tally.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.RefundCreateParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class RefundConcurrencyTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void fiftyConcurrentPartialRefundsNeverExceedTheCharge() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Charge c =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(10_000L)
                    .setCurrency("usd")
                    .setSource("tok_visa")
                    .build());
    List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
    List<String> refused = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long amount = 300 + i * 7;
      futures.add(
          pool.submit(() -> {
            start.await();
            try {
              stripe
                  .v1()
                  .refunds()
                  .create(
                      RefundCreateParams.builder().setCharge(c.getId()).setAmount(amount).build());
              accepted.add(amount);
            } catch (InvalidRequestException e) {
              refused.add(e.getStripeError().getMessage());
            }
            return null;
          }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    long total = accepted.stream().mapToLong(Long::longValue).sum();
    assertThat(total).isLessThanOrEqualTo(10_000L);
    assertThat(refused)
        .isNotEmpty()
        .allMatch(m -> m.startsWith("Refund amount (") || m.contains("has already been refunded"));
    Charge after = stripe.v1().charges().retrieve(c.getId());
    assertThat(after.getAmountRefunded()).isEqualTo(total);
    long ledger = 0;
    for (BalanceTransaction t :
        stripe
            .v1()
            .balanceTransactions()
            .list(BalanceTransactionListParams.builder().setType("refund").setLimit(100L).build())
            .autoPagingIterable()) {
      ledger += t.getAmount();
    }
    assertThat(-ledger).isEqualTo(total);
    System.out.printf(
        "refund race: %d accepted (%d cents), %d refused%n",
        accepted.size(), total, refused.size());
  }
}
