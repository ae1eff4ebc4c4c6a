package tally.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.disputes.DisputedCharges.disputeOf;
import static tally.disputes.DisputedCharges.disputesOf;
import static tally.testing.Fixtures.authorize;
import static tally.testing.Fixtures.charge;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.param.ChargeCaptureParams;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tally.testing.TallyServer;

class TestDisputeCardsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  @ParameterizedTest
  @CsvSource({
    "tok_createDispute, fraudulent, needs_response, chargeback, 10.4, false",
    "tok_visa_createDispute, fraudulent, needs_response, chargeback, 10.4, false",
    "tok_createDisputeProductNotReceived, product_not_received, needs_response, chargeback, 13.1,"
        + " false",
    "tok_visa_createDisputeProductNotReceived, product_not_received, needs_response, chargeback,"
        + " 13.1, false",
    "tok_createDisputeInquiry, fraudulent, warning_needs_response, inquiry, 10, true",
    "tok_visa_createDisputeInquiry, fraudulent, warning_needs_response, inquiry, 10, true",
  })
  void eachDisputeTokenOpensItsDisputeDuringTheChargeRequest(
      String token,
      String reason,
      String status,
      String caseType,
      String networkCode,
      boolean refundable)
      throws StripeException {
    Charge c = charge(stripe, token, 4200);
    assertThat(c.getStatus()).isEqualTo("succeeded");
    assertThat(c.getDisputed()).isTrue();
    assertThat(stripe.v1().charges().retrieve(c.getId()).getDisputed()).isTrue();

    Dispute d = disputeOf(stripe, c);
    assertThat(d.getId()).matches("du_[0-9A-Za-z]{24}");
    assertThat(d.getObject()).isEqualTo("dispute");
    assertThat(d.getCharge()).isEqualTo(c.getId());
    assertThat(d.getAmount()).isEqualTo(4200L);
    assertThat(d.getCurrency()).isEqualTo("usd");
    assertThat(d.getReason()).isEqualTo(reason);
    assertThat(d.getStatus()).isEqualTo(status);
    assertThat(d.getIsChargeRefundable()).isEqualTo(refundable);
    assertThat(d.getLivemode()).isFalse();
    assertThat(d.getPaymentIntent()).isNull();
    assertThat(d.getMetadata()).isEmpty();
    assertThat(d.getEnhancedEligibilityTypes()).isEmpty();
    var card = d.getPaymentMethodDetails().getCard();
    assertThat(d.getPaymentMethodDetails().getType()).isEqualTo("card");
    assertThat(card.getBrand()).isEqualTo("visa");
    assertThat(card.getNetwork()).isEqualTo("visa");
    assertThat(card.getCaseType()).isEqualTo(caseType);
    assertThat(card.getNetworkReasonCode()).isEqualTo(networkCode);
    assertThat(d.getEvidence().getUncategorizedText()).isNull();
    assertThat(d.getEvidence().getReceipt()).isNull();
    assertThat(d.getEvidenceDetails().getHasEvidence()).isFalse();
    assertThat(d.getEvidenceDetails().getPastDue()).isFalse();
    assertThat(d.getEvidenceDetails().getSubmissionCount()).isZero();
    assertThat(d.getBalanceTransactions()).hasSize(refundable ? 0 : 1);
  }

  @Test
  void evidenceIsDueAtTheEndOfTheUtcDayEightDaysLater() throws StripeException {
    Dispute d = DisputedCharges.openDispute(stripe, "tok_createDispute", 1000);
    var created = Instant.ofEpochSecond(d.getCreated()).atZone(ZoneOffset.UTC);
    var due = Instant.ofEpochSecond(d.getEvidenceDetails().getDueBy()).atZone(ZoneOffset.UTC);
    assertThat(due.toLocalDate()).isEqualTo(created.toLocalDate().plusDays(8));
    assertThat(due.toLocalTime()).hasToString("23:59:59");
  }

  @Test
  void anOrdinaryCardOpensNoDispute() throws StripeException {
    Charge c = charge(stripe, "tok_visa", 2000);
    assertThat(c.getDisputed()).isFalse();
    assertThat(disputesOf(stripe, c)).isEmpty();
  }

  @Test
  void anUncapturedChargeIsDisputedAtCaptureForTheCapturedAmount() throws StripeException {
    Charge authorized = authorize(stripe, "tok_createDispute", 5000);
    assertThat(authorized.getDisputed()).isFalse();
    assertThat(disputesOf(stripe, authorized)).isEmpty();

    Charge captured =
        stripe
            .v1()
            .charges()
            .capture(authorized.getId(), ChargeCaptureParams.builder().setAmount(3000L).build());
    assertThat(captured.getDisputed()).isTrue();
    Dispute d = disputeOf(stripe, captured);
    assertThat(d.getAmount()).isEqualTo(3000L);
    assertThat(d.getBalanceTransactions())
        .singleElement()
        .satisfies(t -> assertThat(t.getAmount()).isEqualTo(-3000L));
  }

  @Test
  void theMultipleDisputesTokenOpensTwoChargebacks() throws StripeException {
    Charge c = charge(stripe, "tok_createMultipleDisputes", 2500);
    assertThat(c.getDisputed()).isTrue();
    var disputes = disputesOf(stripe, c);
    assertThat(disputes).hasSize(2);
    assertThat(disputes)
        .allSatisfy(d -> {
          assertThat(d.getStatus()).isEqualTo("needs_response");
          assertThat(d.getAmount()).isEqualTo(2500L);
        });
    assertThat(disputes.get(0).getId()).isNotEqualTo(disputes.get(1).getId());
  }

  @Test
  void aChargeStaysDisputedAfterTheDisputeCloses() throws StripeException {
    Charge c = charge(stripe, "tok_createDispute", 1500);
    stripe.v1().disputes().close(disputeOf(stripe, c).getId());
    assertThat(stripe.v1().charges().retrieve(c.getId()).getDisputed()).isTrue();
  }
}
