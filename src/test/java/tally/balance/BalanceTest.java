package tally.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.charge;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Balance;
import com.stripe.model.BalanceSettings;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.param.BalanceSettingsUpdateParams;
import com.stripe.param.BalanceSettingsUpdateParams.Payments;
import com.stripe.param.BalanceSettingsUpdateParams.Payments.Payouts;
import com.stripe.param.BalanceSettingsUpdateParams.Payments.Payouts.Schedule;
import com.stripe.param.BalanceTransactionListParams;
import com.stripe.param.RefundCreateParams;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class BalanceTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static BalanceSettings updatePayments(StripeClient stripe, Payments.Builder payments)
      throws StripeException {
    return stripe
        .v1()
        .balanceSettings()
        .update(BalanceSettingsUpdateParams.builder().setPayments(payments.build()).build());
  }

  @Test
  void balanceSumsTheLedgerByStatus() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge pending = charge(stripe, "tok_visa", 1000);
    charge(stripe, "tok_bypassPending", 2000);
    stripe
        .v1()
        .refunds()
        .create(RefundCreateParams.builder().setCharge(pending.getId()).setAmount(300L).build());
    Balance b = stripe.v1().balance().retrieve();
    assertThat(b.getAvailable())
        .singleElement()
        .satisfies(a -> {
          assertThat(a.getCurrency()).isEqualTo("usd");
          assertThat(a.getAmount()).isEqualTo(2000 - 88 - 300);
        });
    assertThat(b.getPending())
        .singleElement()
        .satisfies(p -> assertThat(p.getAmount()).isEqualTo(1000 - 59));
    SERVER.clock().advance(Duration.ofDays(3));
    try {
      SERVER.runJobs();
      var announced =
          stripe
              .v1()
              .events()
              .list(com.stripe.param.EventListParams.builder().setType("balance.available").build())
              .getData();
      assertThat(announced).isNotEmpty();
      Balance later = stripe.v1().balance().retrieve();
      assertThat(later.getAvailable().getFirst().getAmount())
          .isEqualTo(2000 - 88 - 300 + 1000 - 59);
      assertThat(later.getPending().getFirst().getAmount()).isZero();
    } finally {
      SERVER.clock().advance(Duration.ofDays(-3));
    }
  }

  @Test
  void balanceTransactionsFilterAndExpandTheirSource() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    Charge c = charge(stripe, "tok_visa", 1000);
    stripe
        .v1()
        .refunds()
        .create(RefundCreateParams.builder().setCharge(c.getId()).setAmount(100L).build());
    var refunds =
        stripe
            .v1()
            .balanceTransactions()
            .list(
                BalanceTransactionListParams.builder()
                    .setType("refund")
                    .addExpand("data.source")
                    .build());
    assertThat(refunds.getData())
        .singleElement()
        .satisfies(t -> {
          assertThat(t.getReportingCategory()).isEqualTo("refund");
          assertThat(t.getSourceObject()).isInstanceOf(com.stripe.model.Refund.class);
        });
    assertThat(
            stripe
                .v1()
                .balanceTransactions()
                .list(BalanceTransactionListParams.builder().setSource(c.getId()).build())
                .getData())
        .extracting(BalanceTransaction::getType)
        .containsExactly("charge");
    assertThat(
            stripe
                .v1()
                .balanceTransactions()
                .list(BalanceTransactionListParams.builder().setCurrency("eur").build())
                .getData())
        .isEmpty();
    assertStripeError(() -> stripe.v1().balanceTransactions().retrieve("txn_nope"))
        .isInvalidRequest()
        .hasStatus(404);
  }

  @Test
  void settingsHaveDefaultsAndUpdateWithValidation() throws StripeException {
    StripeClient stripe = SERVER.newClient();
    BalanceSettings s = stripe.v1().balanceSettings().retrieve();
    assertThat(s.getObject()).isEqualTo("balance_settings");
    assertThat(s.getPayments().getPayouts().getSchedule().getInterval()).isEqualTo("daily");
    assertThat(s.getPayments().getSettlementTiming().getDelayDays()).isEqualTo(2L);
    BalanceSettings weekly =
        updatePayments(
            stripe,
            Payments.builder()
                .setDebitNegativeBalances(false)
                .setPayouts(
                    Payouts.builder()
                        .setSchedule(
                            Schedule.builder()
                                .setInterval(Schedule.Interval.WEEKLY)
                                .addWeeklyPayoutDay(Schedule.WeeklyPayoutDay.FRIDAY)
                                .build())
                        .setStatementDescriptor("TALLY PAYOUT")
                        .putMinimumBalanceByCurrency("usd", 5000L)
                        .build())
                .setSettlementTiming(
                    Payments.SettlementTiming.builder().setDelayDaysOverride(5L).build()));
    assertThat(weekly.getPayments().getDebitNegativeBalances()).isFalse();
    assertThat(weekly.getPayments().getPayouts().getSchedule().getWeeklyPayoutDays())
        .containsExactly("friday");
    assertThat(weekly.getPayments().getPayouts().getMinimumBalanceByCurrency())
        .containsEntry("usd", 5000L);
    assertThat(weekly.getPayments().getSettlementTiming().getDelayDaysOverride()).isEqualTo(5L);
    assertThat(stripe.v1().balanceSettings().retrieve().toJson()).isEqualTo(weekly.toJson());

    Charge later = charge(stripe, "tok_visa", 1000);
    BalanceTransaction txn =
        stripe.v1().balanceTransactions().retrieve(later.getBalanceTransaction());
    assertThat(txn.getAvailableOn()).isEqualTo((txn.getCreated() / 86_400 + 5) * 86_400);

    assertStripeError(() ->
            updatePayments(
                stripe,
                Payments.builder()
                    .setPayouts(
                        Payouts.builder()
                            .setSchedule(
                                Schedule.builder().setInterval(Schedule.Interval.MONTHLY).build())
                            .build())))
        .isInvalidRequest()
        .hasParam("payments[payouts][schedule][monthly_payout_days]");
    assertStripeError(() ->
            updatePayments(
                stripe,
                Payments.builder()
                    .setSettlementTiming(
                        Payments.SettlementTiming.builder().setDelayDaysOverride(40L).build())))
        .isInvalidRequest()
        .hasParam("payments[settlement_timing][delay_days_override]");
    assertThat(
            SERVER
                .newClient()
                .v1()
                .balanceSettings()
                .retrieve()
                .getPayments()
                .getPayouts()
                .getSchedule()
                .getInterval())
        .isEqualTo("daily");
  }
}
