package tally.search;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.chargeParams;
import static tally.testing.StripeErrors.assertStripeError;
import static tally.testing.StripeErrors.catchCardError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.StripeSearchResult;
import com.stripe.param.ChargeSearchParams;
import com.stripe.param.RefundCreateParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class ChargeSearchTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  static StripeClient stripe;
  static Charge visa;
  static Charge amex;
  static Charge refundedFully;
  static Charge refundedPartly;
  static Charge failed;

  private static Charge create(long amount, String token, String order) throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(chargeParams(token, amount).putMetadata("order", order).build());
  }

  @BeforeAll
  static void charges() throws StripeException {
    stripe = SERVER.newClient();
    visa = create(1000, "tok_visa", "A-1");
    amex = create(5000, "tok_amex", "B-2");
    refundedFully = create(2000, "tok_mastercard", "C-3");
    stripe
        .v1()
        .refunds()
        .create(RefundCreateParams.builder().setCharge(refundedFully.getId()).build());
    refundedPartly = create(3000, "tok_mastercard", "D-4");
    stripe
        .v1()
        .refunds()
        .create(
            RefundCreateParams.builder().setCharge(refundedPartly.getId()).setAmount(100L).build());
    String declined = catchCardError(() -> create(1500, "tok_chargeDeclined", "E-5")).getCharge();
    failed = stripe.v1().charges().retrieve(declined);
  }

  private static List<String> ids(String query) throws StripeException {
    return stripe
        .v1()
        .charges()
        .search(ChargeSearchParams.builder().setQuery(query).setLimit(100L).build())
        .getData()
        .stream()
        .map(Charge::getId)
        .toList();
  }

  @Test
  void everyFieldAndOperator() throws StripeException {
    assertThat(ids("amount>=3000")).containsExactly(refundedPartly.getId(), amex.getId());
    assertThat(ids("amount:1000")).containsExactly(visa.getId());
    assertThat(ids("amount<1500 AND status:\"succeeded\"")).containsExactly(visa.getId());
    assertThat(ids("status:\"FAILED\"")).containsExactly(failed.getId());
    assertThat(ids("-status:\"succeeded\"")).containsExactly(failed.getId());
    assertThat(ids("payment_method_details.card.brand:\"amex\"")).containsExactly(amex.getId());
    assertThat(ids("payment_method_details.card.last4:\"4444\""))
        .containsExactly(refundedPartly.getId(), refundedFully.getId());
    assertThat(ids("metadata['order']:'a-1'")).containsExactly(visa.getId());
    assertThat(ids("metadata[\"order\"]:\"B-2\" OR metadata[\"order\"]:\"C-3\""))
        .containsExactly(refundedFully.getId(), amex.getId());
    assertThat(ids("metadata[\"missing\"]:null")).hasSize(5);
    assertThat(ids("refunded:\"true\"")).containsExactly(refundedFully.getId());
    assertThat(ids("refunded:\"false\"")).containsExactly(refundedPartly.getId());
    assertThat(ids("refunded:null AND status:\"succeeded\""))
        .containsExactly(amex.getId(), visa.getId());
    assertThat(ids("disputed:\"false\" AND currency:\"usd\"")).hasSize(5);
    assertThat(ids("customer:null")).hasSize(5);
    assertThat(ids("created>=" + visa.getCreated())).hasSize(5);
    assertThat(ids("billing_details.address.postal_code:null")).hasSize(5);
    assertThat(
            ids(
                "payment_method_details.card.fingerprint:\""
                    + visa.getPaymentMethodDetails().getCard().getFingerprint()
                    + "\""))
        .containsExactly(visa.getId());
  }

  @Test
  void pagesThroughNextPageAndCountsOnRequest() throws StripeException {
    StripeSearchResult<Charge> first =
        stripe
            .v1()
            .charges()
            .search(
                ChargeSearchParams.builder()
                    .setQuery("currency:\"usd\"")
                    .setLimit(2L)
                    .addExpand("total_count")
                    .build());
    assertThat(first.getObject()).isEqualTo("search_result");
    assertThat(first.getData()).hasSize(2);
    assertThat(first.getHasMore()).isTrue();
    assertThat(first.getNextPage()).isNotBlank();
    assertThat(first.getTotalCount()).isEqualTo(5L);
    assertThat(first.getUrl()).isEqualTo("/v1/charges/search");
    List<String> all = new ArrayList<>();
    first.autoPagingIterable().forEach(c -> all.add(c.getId()));
    assertThat(all).hasSize(5).doesNotHaveDuplicates();
    StripeSearchResult<Charge> plain =
        stripe
            .v1()
            .charges()
            .search(ChargeSearchParams.builder().setQuery("currency:\"usd\"").build());
    assertThat(plain.getLastResponse().body()).doesNotContain("total_count");
  }

  @Test
  void badQueriesNameTheQueryParam() {
    for (String bad :
        new String[] {
          "colour:\"red\"",
          "amount~\"100\"",
          "status>\"a\"",
          "a:\"1\" AND b:\"2\" OR c:\"3\"",
          "amount:\"lots\"",
          "status:",
          "amount>1 ".repeat(11)
        }) {
      assertStripeError(() -> ids(bad)).as(bad).isInvalidRequest().hasStatus(400).hasParam("query");
    }
  }

  @Test
  void injectionAttemptsAreJustValues() throws StripeException {
    assertThat(ids("metadata[\"order\"]:\"' OR 1=1 --\"")).isEmpty();
    assertThat(ids("metadata[\"x' OR '1'='1\"]:\"y\"")).isEmpty();
    assertThat(ids("status:\"succeeded'); DROP TABLE charges; --\"")).isEmpty();
    assertThat(ids("amount>0")).hasSize(5);
  }

  @Test
  void anotherAccountFindsNothing() throws StripeException {
    assertThat(
            SERVER
                .newClient()
                .v1()
                .charges()
                .search(ChargeSearchParams.builder().setQuery("amount>0").build())
                .getData())
        .isEmpty();
  }
}
