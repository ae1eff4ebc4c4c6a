package tally.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.authorize;
import static tally.testing.Fixtures.charge;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.RefundListParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class ChargeCaptureTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  @Test
  void uncapturedChargeIsAuthorizedOnly() throws StripeException {
    Charge c = authorize(stripe, "tok_visa", 5000);
    assertThat(c.getStatus()).isEqualTo("succeeded");
    assertThat(c.getPaid()).isTrue();
    assertThat(c.getCaptured()).isFalse();
    assertThat(c.getAmountCaptured()).isZero();
    assertThat(c.getBalanceTransaction()).isNull();
    assertThat(c.getPaymentMethodDetails().getCard().getCaptureBefore())
        .isEqualTo(c.getCreated() + 7 * 86_400);
  }

  @Test
  void fullCaptureRecordsTheChargeAndItsFee() throws StripeException {
    Charge c = authorize(stripe, "tok_visa", 2000);
    Charge captured = stripe.v1().charges().capture(c.getId());
    assertThat(captured.getCaptured()).isTrue();
    assertThat(captured.getAmountCaptured()).isEqualTo(2000L);
    assertThat(captured.getAmountRefunded()).isZero();
    BalanceTransaction txn =
        stripe.v1().balanceTransactions().retrieve(captured.getBalanceTransaction());
    assertThat(txn.getType()).isEqualTo("charge");
    assertThat(txn.getAmount()).isEqualTo(2000L);
    assertThat(txn.getFee()).isEqualTo(88L);
    assertThat(txn.getNet()).isEqualTo(1912L);
    assertThat(txn.getSource()).isEqualTo(c.getId());
    assertThat(txn.getFeeDetails())
        .singleElement()
        .satisfies(fd -> {
          assertThat(fd.getType()).isEqualTo("stripe_fee");
          assertThat(fd.getAmount()).isEqualTo(88L);
        });
  }

  @Test
  @DisplayName("since 2025-03-31.basil a partial capture creates no Refund")
  void sinceBasilAPartialCaptureCreatesNoRefund() throws StripeException {
    Charge c = authorize(stripe, "tok_visa", 5000);
    Charge captured =
        stripe
            .v1()
            .charges()
            .capture(c.getId(), ChargeCaptureParams.builder().setAmount(3000L).build());
    assertThat(captured.getCaptured()).isTrue();
    assertThat(captured.getAmountCaptured()).isEqualTo(3000L);
    assertThat(captured.getAmountRefunded()).isZero();
    assertThat(captured.getRefunded()).isFalse();
    assertNoRefunds(c.getId());
    // One balance transaction, for the captured amount and its fee; none for the released rest.
    assertThat(transactionsOf(c.getId()))
        .singleElement()
        .satisfies(t -> {
          assertThat(t.getId()).isEqualTo(captured.getBalanceTransaction());
          assertThat(t.getType()).isEqualTo("charge");
          assertThat(t.getAmount()).isEqualTo(3000L);
          assertThat(t.getFee()).isEqualTo(117L);
          assertThat(t.getNet()).isEqualTo(2883L);
        });
    assertThat(eventTypes()).containsExactly("charge.captured", "charge.succeeded");
  }

  @Test
  void capturingTwiceIsRefused() throws StripeException {
    Charge c = authorize(stripe, "tok_visa", 2000);
    stripe.v1().charges().capture(c.getId());
    assertStripeError(() -> stripe.v1().charges().capture(c.getId()))
        .isInvalidRequest()
        .hasCode("charge_already_captured")
        .hasMessage("Charge " + c.getId() + " has already been captured.");
  }

  @Test
  void capturingAnUnknownChargeNamesItAsStripeDoes() {
    assertStripeError(() -> stripe.v1().charges().capture("ch_missing"))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing")
        .hasParam("id")
        .hasMessage("No such charge: 'ch_missing'");
  }

  @Test
  void capturingAnAlreadyCapturedChargeIsRefused() throws StripeException {
    Charge c = charge(stripe, "tok_visa", 2000);
    assertStripeError(() -> stripe.v1().charges().capture(c.getId()))
        .isInvalidRequest()
        .hasCode("charge_already_captured");
  }

  @Test
  void capturingMoreThanAuthorizedIsRefused() throws StripeException {
    Charge c = authorize(stripe, "tok_visa", 2000);
    assertStripeError(() ->
            stripe
                .v1()
                .charges()
                .capture(c.getId(), ChargeCaptureParams.builder().setAmount(2001L).build()))
        .isInvalidRequest()
        .hasCode("amount_too_large")
        .hasParam("amount");
    assertThat(stripe.v1().charges().retrieve(c.getId()).getCaptured()).isFalse();
  }

  @Test
  void authorizationExpiresAfterSevenDays() throws StripeException {
    Charge c = authorize(stripe, "tok_visa", 2500);
    SERVER.clock().advance(Duration.ofDays(7).plusMinutes(1));
    try {
      assertStripeError(() -> stripe.v1().charges().capture(c.getId()))
          .isInvalidRequest()
          .hasCode("charge_expired_for_capture");
      assertThat(SERVER.runJobs()).isGreaterThanOrEqualTo(1);
      SERVER.runJobs(); // an expired charge is expired once
      // Since 2025-03-31.basil an expiry creates no Refund: the charge stays as authorized.
      Charge expired = stripe.v1().charges().retrieve(c.getId());
      assertThat(expired.getStatus()).isEqualTo("succeeded");
      assertThat(expired.getCaptured()).isFalse();
      assertThat(expired.getAmountCaptured()).isZero();
      assertThat(expired.getRefunded()).isFalse();
      assertThat(expired.getAmountRefunded()).isZero();
      assertThat(expired.getBalanceTransaction()).isNull();
      assertNoRefunds(c.getId());
      assertThat(transactionsOf(c.getId())).isEmpty();
      assertThat(eventTypes()).containsExactly("charge.expired", "charge.succeeded");
      assertStripeError(() -> stripe.v1().charges().capture(c.getId()))
          .isInvalidRequest()
          .hasCode("charge_expired_for_capture");
    } finally {
      SERVER.clock().advance(Duration.ofDays(-7).minusMinutes(1));
    }
  }

  private void assertNoRefunds(String chargeId) throws StripeException {
    assertThat(
            stripe
                .v1()
                .refunds()
                .list(RefundListParams.builder().setCharge(chargeId).build())
                .getData())
        .isEmpty();
    Charge withRefunds =
        stripe
            .v1()
            .charges()
            .retrieve(chargeId, ChargeRetrieveParams.builder().addExpand("refunds").build());
    assertThat(withRefunds.getRefunds().getData()).isEmpty();
  }

  private List<BalanceTransaction> transactionsOf(String chargeId) throws StripeException {
    return stripe
        .v1()
        .balanceTransactions()
        .list(BalanceTransactionListParams.builder().setSource(chargeId).build())
        .getData();
  }

  /** This account's event types, newest first. */
  private List<String> eventTypes() throws StripeException {
    return Fixtures.eventTypes(stripe);
  }

  @Test
  void fundsBecomeAvailableOnTheClock() throws StripeException {
    Charge c = charge(stripe, "tok_visa", 1000);
    BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(c.getBalanceTransaction());
    assertThat(txn.getStatus()).isEqualTo("pending");
    assertThat(txn.getAvailableOn()).isGreaterThan(txn.getCreated());
    SERVER.clock().advance(Duration.ofDays(3));
    try {
      assertThat(stripe.v1().balanceTransactions().retrieve(txn.getId()).getStatus())
          .isEqualTo("available");
    } finally {
      SERVER.clock().advance(Duration.ofDays(-3));
    }
  }

  @Test
  void bypassPendingFundsAreAvailableAtOnce() throws StripeException {
    Charge c = charge(stripe, "tok_bypassPending", 1000);
    assertThat(stripe.v1().balanceTransactions().retrieve(c.getBalanceTransaction()).getStatus())
        .isEqualTo("available");
  }
}
