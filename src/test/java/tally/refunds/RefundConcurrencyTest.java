package tally.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.charge;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.RefundCreateParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Concurrently;
import tally.testing.TallyServer;

class RefundConcurrencyTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  /**
   * 50 refunds of $7 race for a $100 charge: exactly 14 fit ($98), so exactly 14 are accepted and
   * the other 36 are refused for their amount; the charge and the ledger agree on $98.
   */
  @Test
  void fiftyConcurrentPartialRefundsNeverExceedTheCharge() throws Exception {
    StripeClient stripe = SERVER.newClient();
    Charge c = charge(stripe, "tok_visa", 10_000);
    List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
    List<String> refused = Collections.synchronizedList(new ArrayList<>());
    Concurrently.run(
        50,
        i -> {
          long amount = 700;
          try {
            stripe
                .v1()
                .refunds()
                .create(
                    RefundCreateParams.builder().setCharge(c.getId()).setAmount(amount).build());
            accepted.add(amount);
          } catch (InvalidRequestException e) {
            assertThat(e.getParam()).isEqualTo("amount");
            refused.add(e.getStripeError().getMessage());
          }
        });
    long total = accepted.stream().mapToLong(Long::longValue).sum();
    assertThat(accepted).hasSize(14);
    assertThat(total).isEqualTo(9_800L);
    assertThat(refused).hasSize(36).allMatch(m -> m.startsWith("Refund amount ("));
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
