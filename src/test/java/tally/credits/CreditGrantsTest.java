package tally.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.billing.CreditBalanceSummary;
import com.stripe.model.billing.CreditBalanceTransaction;
import com.stripe.model.billing.CreditGrant;
import com.stripe.param.billing.CreditGrantListParams;
import com.stripe.param.billing.CreditGrantUpdateParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Credits;
import tally.testing.TallyServer;

class CreditGrantsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private CreditGrant grant(String customer, long value, Long effectiveAt, Long expiresAt)
      throws StripeException {
    var b =
        Credits.grantParams(customer, value, Credits.meteredScope().build())
            .setName("Purchased credits");
    if (effectiveAt != null) {
      b.setEffectiveAt(effectiveAt);
    }
    if (expiresAt != null) {
      b.setExpiresAt(expiresAt);
    }
    return stripe.v1().billing().creditGrants().create(b.build());
  }

  private CreditGrant update(String grant, CreditGrantUpdateParams.Builder params)
      throws StripeException {
    return stripe.v1().billing().creditGrants().update(grant, params.build());
  }

  private long available(String customer) throws StripeException {
    CreditBalanceSummary s = Credits.meteredSummary(stripe, customer);
    return s.getBalances().isEmpty()
        ? 0
        : s.getBalances().getFirst().getAvailableBalance().getMonetary().getValue();
  }

  private List<CreditBalanceTransaction> transactions(String customer) throws StripeException {
    return Credits.transactions(stripe, customer);
  }

  @Test
  void aGrantAddsToTheBalanceAndRecordsACredit() throws StripeException {
    Customer c = customer(stripe, "c@example.com");
    CreditGrant g = grant(c.getId(), 1000, null, null);
    assertThat(g.getId()).startsWith("credgr_test_");
    assertThat(g.getPriority()).isEqualTo(50L);
    assertThat(g.getAmount().getMonetary().getValue()).isEqualTo(1000L);
    assertThat(g.getApplicabilityConfig().getScope().getPriceType()).isEqualTo("metered");
    assertThat(available(c.getId())).isEqualTo(1000L);
    var txns = transactions(c.getId());
    assertThat(txns)
        .singleElement()
        .satisfies(t -> {
          assertThat(t.getType()).isEqualTo("credit");
          assertThat(t.getCredit().getType()).isEqualTo("credits_granted");
          assertThat(t.getCredit().getAmount().getMonetary().getValue()).isEqualTo(1000L);
        });
    assertThat(
            stripe
                .v1()
                .billing()
                .creditBalanceTransactions()
                .retrieve(txns.getFirst().getId())
                .getCreditGrant())
        .isEqualTo(g.getId());
  }

  @Test
  void grantsBecomeEffectiveAndExpireByTheClock() throws StripeException {
    Customer c = customer(stripe, "c@example.com");
    long now = SERVER.clock().nowSeconds();
    grant(c.getId(), 500, now + 3600, now + 7200);
    assertThat(available(c.getId())).isZero();
    SERVER.clock().advance(Duration.ofMinutes(61));
    try {
      assertThat(available(c.getId())).isEqualTo(500L);
      SERVER.clock().advance(Duration.ofMinutes(61));
      assertThat(SERVER.runJobs()).isGreaterThanOrEqualTo(1);
      assertThat(available(c.getId())).isZero();
      var debits = transactions(c.getId());
      assertThat(debits.getFirst().getDebit().getType()).isEqualTo("credits_expired");
    } finally {
      SERVER.clock().advance(Duration.ofMinutes(-122));
    }
  }

  @Test
  void voidAndExpireFollowTheStateRules() throws StripeException {
    Customer c = customer(stripe, "c@example.com");
    CreditGrant a = grant(c.getId(), 300, null, null);
    CreditGrant voided = stripe.v1().billing().creditGrants().voidGrant(a.getId());
    assertThat(voided.getVoidedAt()).isNotNull();
    assertStripeError(() -> stripe.v1().billing().creditGrants().expire(a.getId()))
        .isInvalidRequest()
        .hasMessage("This credit grant has already been voided.");
    CreditGrant b = grant(c.getId(), 200, null, null);
    CreditGrant expired = stripe.v1().billing().creditGrants().expire(b.getId());
    assertThat(expired.getExpiresAt()).isNotNull();
    assertStripeError(() -> stripe.v1().billing().creditGrants().voidGrant(b.getId()))
        .isInvalidRequest();
    assertThat(available(c.getId())).isZero();
  }

  @Test
  void updateChangesExpiryAndMetadataOnly() throws StripeException {
    Customer c = customer(stripe, "c@example.com");
    CreditGrant g = grant(c.getId(), 100, null, null);
    long later = SERVER.clock().nowSeconds() + 86_400;
    CreditGrant u =
        update(
            g.getId(), CreditGrantUpdateParams.builder().setExpiresAt(later).putMetadata("k", "v"));
    assertThat(u.getExpiresAt()).isEqualTo(later);
    assertThat(u.getMetadata()).containsEntry("k", "v");
    CreditGrant read = stripe.v1().billing().creditGrants().retrieve(g.getId());
    assertThat(read.getExpiresAt()).isEqualTo(later);
    assertThat(read.getMetadata()).containsEntry("k", "v");
    assertStripeError(
            () -> update(g.getId(), CreditGrantUpdateParams.builder().putExtraParam("priority", 1)))
        .isInvalidRequest()
        .hasParam("priority");
    assertThat(
            stripe
                .v1()
                .billing()
                .creditGrants()
                .list(CreditGrantListParams.builder().setCustomer(c.getId()).build())
                .getData())
        .extracting(CreditGrant::getId)
        .containsExactly(g.getId());
  }

  @Test
  void invalidGrantsAreRefused() throws StripeException {
    assertStripeError(() -> grant("cus_nope", 100, null, null)).isInvalidRequest().hasStatus(404);
    Customer c = customer(stripe, "c@example.com");
    assertStripeError(() -> grant(c.getId(), 0, null, null))
        .isInvalidRequest()
        .hasParam("amount[monetary][value]");
    var raw =
        SERVER.raw(
            "POST",
            "/v1/billing/credit_grants",
            SERVER.newKey(),
            "customer="
                + c.getId()
                + "&amount[type]=monetary&amount[monetary][currency]=usd&amount[monetary][value]=5"
                + "&applicability_config[scope][price_type]=metered&applicability_config[scope][prices][0][id]=price_x",
            java.util.Map.of());
    assertThat(raw.statusCode()).isIn(400, 404);
  }
}
