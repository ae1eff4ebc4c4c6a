package tally.search;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.chargeParams;

import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.param.ChargeSearchParams;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.core.Sequence;
import tally.testing.TallyServer;

/** A selective search stays fast as the account grows from 1k to 100k charges. */
class SearchScaleTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  // Bulk-inserts 100k charges before it times anything: more than the 60 s default allows.
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @Test
  void aSelectiveQueryDoesNotReadEveryCharge() throws Exception {
    String key = SERVER.newKey();
    StripeClient stripe = SERVER.client(key);
    Charge template =
        stripe
            .v1()
            .charges()
            .create(chargeParams("tok_visa", 1000).putMetadata("order", "needle").build());
    String account = SERVER.app().accounts().authenticate(key).orElseThrow().id();
    long at1k = bulkInsertAndTime(stripe, account, template, 1_000);
    long at100k = bulkInsertAndTime(stripe, account, template, 99_000);
    System.out.printf(
        "selective search: %d µs at 1k charges, %d µs at 100k charges%n", at1k, at100k);
    assertThat(at100k).isLessThan(Math.max(3 * at1k, 20_000));
  }

  private static long bulkInsertAndTime(
      StripeClient stripe, String account, Charge template, int count) throws Exception {
    SERVER
        .app()
        .db()
        .write(h -> {
          PreparedBatch charges =
              h.prepareBatch(
                  "INSERT INTO charges (account_id, id, seq, created, amount, amount_captured, amount_refunded, currency,"
                      + " status, paid, captured, refunded, disputed, metadata, fraud_details, card, card_last4)"
                      + " SELECT account_id, :id, :seq, created, amount, amount_captured, 0, currency, status, paid,"
                      + " captured, FALSE, FALSE, :metadata, fraud_details, card, card_last4 FROM charges WHERE"
                      + " account_id = :a AND id = :template");
          PreparedBatch metadata =
              h.prepareBatch(
                  "INSERT INTO charge_metadata (account_id, charge_id, meta_key, value_lower) VALUES (:a, :id, 'order', :v)");
          for (int i = 0; i < count; i++) {
            String id = "ch_bulk" + Sequence.next();
            String value = "o" + i;
            charges
                .bind("id", id)
                .bind("seq", Sequence.next())
                .bind("metadata", "{\"order\":\"" + value + "\"}")
                .bind("a", account)
                .bind("template", template.getId())
                .add();
            metadata.bind("a", account).bind("id", id).bind("v", value).add();
          }
          charges.execute();
          metadata.execute();
          return null;
        });
    ChargeSearchParams query =
        ChargeSearchParams.builder().setQuery("metadata[\"order\"]:\"needle\"").build();
    stripe.v1().charges().search(query);
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      var found = stripe.v1().charges().search(query).getData();
      best = Math.min(best, (System.nanoTime() - start) / 1_000);
      assertThat(found).extracting(Charge::getId).containsExactly(template.getId());
    }
    return best;
  }
}
