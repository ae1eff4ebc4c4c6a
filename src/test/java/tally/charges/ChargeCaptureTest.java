package tally.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.param.ChargeCaptureParams;
import com.stripe.param.ChargeCreateParams;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class ChargeCaptureTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Charge authorize(long amount) throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(
            ChargeCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .setSource("tok_visa")
                .setCapture(false)
                .build());
  }

  @Test
  void uncapturedChargeIsAuthorizedOnly() throws StripeException {
    Charge c = authorize(5000);
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
    Charge c = authorize(2000);
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
  void partialCaptureReleasesTheRest() throws StripeException {
    Charge c = authorize(5000);
    Charge captured =
        stripe
            .v1()
            .charges()
            .capture(c.getId(), ChargeCaptureParams.builder().setAmount(3000L).build());
    assertThat(captured.getCaptured()).isTrue();
    assertThat(captured.getAmountCaptured()).isEqualTo(3000L);
    assertThat(captured.getAmountRefunded()).isEqualTo(2000L);
    assertThat(captured.getRefunded()).isFalse();
    var txns =
        stripe
            .v1()
            .balanceTransactions()
            .list(com.stripe.param.BalanceTransactionListParams.builder().setType("refund").build())
            .getData();
    assertThat(txns)
        .singleElement()
        .satisfies(t -> {
          assertThat(t.getAmount()).isEqualTo(-2000L);
          assertThat(t.getReportingCategory()).isEqualTo("partial_capture_reversal");
        });
  }

  @Test
  void capturingTwiceIsRefused() throws StripeException {
    Charge c = authorize(2000);
    stripe.v1().charges().capture(c.getId());
    assertThatThrownBy(() -> stripe.v1().charges().capture(c.getId()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("charge_already_captured");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("Charge " + c.getId() + " has already been captured.");
            });
  }

  @Test
  void capturingAnAlreadyCapturedChargeIsRefused() throws StripeException {
    Charge c =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(2000L)
                    .setCurrency("usd")
                    .setSource("tok_visa")
                    .build());
    assertThatThrownBy(() -> stripe.v1().charges().capture(c.getId()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.getCode()).isEqualTo("charge_already_captured"));
  }

  @Test
  void capturingMoreThanAuthorizedIsRefused() throws StripeException {
    Charge c = authorize(2000);
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .capture(c.getId(), ChargeCaptureParams.builder().setAmount(2001L).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("amount_too_large");
              assertThat(e.getParam()).isEqualTo("amount");
            });
    assertThat(stripe.v1().charges().retrieve(c.getId()).getCaptured()).isFalse();
  }

  @Test
  void authorizationExpiresAfterSevenDays() throws StripeException {
    Charge c = authorize(2500);
    SERVER.clock().advance(Duration.ofDays(7).plusMinutes(1));
    try {
      assertThatThrownBy(() -> stripe.v1().charges().capture(c.getId()))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.getCode()).isEqualTo("charge_expired_for_capture"));
      assertThat(SERVER.runJobs()).isGreaterThanOrEqualTo(1);
      Charge expired = stripe.v1().charges().retrieve(c.getId());
      assertThat(expired.getRefunded()).isTrue();
      assertThat(expired.getAmountRefunded()).isEqualTo(2500L);
      assertThat(expired.getCaptured()).isFalse();
      assertThatThrownBy(() -> stripe.v1().charges().capture(c.getId()))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.getCode()).isEqualTo("charge_already_refunded"));
    } finally {
      SERVER.clock().advance(Duration.ofDays(-7).minusMinutes(1));
    }
  }

  @Test
  void fundsBecomeAvailableOnTheClock() throws StripeException {
    Charge c =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(1000L)
                    .setCurrency("usd")
                    .setSource("tok_visa")
                    .build());
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
    Charge c =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(1000L)
                    .setCurrency("usd")
                    .setSource("tok_bypassPending")
                    .build());
    assertThat(stripe.v1().balanceTransactions().retrieve(c.getBalanceTransaction()).getStatus())
        .isEqualTo("available");
  }
}
