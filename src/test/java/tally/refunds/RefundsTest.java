package tally.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.chargeParams;
import static tally.testing.StripeErrors.assertStripeError;
import static tally.testing.StripeErrors.catchCardError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.net.ApiResource;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.RefundUpdateParams;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class RefundsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Charge charge(long amount, boolean capture) throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(
            chargeParams("tok_visa", amount).setCapture(capture).setDescription("order").build());
  }

  private Refund refund(String charge, Long amount) throws StripeException {
    var b = RefundCreateParams.builder().setCharge(charge);
    if (amount != null) {
      b.setAmount(amount);
    }
    return stripe.v1().refunds().create(b.build());
  }

  @Test
  void fullRefundByDefaultUpdatesTheChargeAndTheLedger() throws StripeException {
    Charge c = charge(5000, true);
    Refund r = refund(c.getId(), null);
    assertThat(r.getId()).startsWith("re_");
    assertThat(r.getAmount()).isEqualTo(5000L);
    assertThat(r.getStatus()).isEqualTo("succeeded");
    assertThat(r.getCharge()).isEqualTo(c.getId());
    assertThat(r.getDestinationDetails().getType()).isEqualTo("card");
    assertThat(r.getLastResponse().body()).doesNotContain("\"livemode\"");
    Charge after = stripe.v1().charges().retrieve(c.getId());
    assertThat(after.getAmountRefunded()).isEqualTo(5000L);
    assertThat(after.getRefunded()).isTrue();
    BalanceTransaction txn = stripe.v1().balanceTransactions().retrieve(r.getBalanceTransaction());
    assertThat(txn.getType()).isEqualTo("refund");
    assertThat(txn.getAmount()).isEqualTo(-5000L);
    assertThat(txn.getFee()).isZero();
    assertThat(txn.getSource()).isEqualTo(r.getId());
  }

  @Test
  void partialRefundsAddUpUntilTheChargeIsRefunded() throws StripeException {
    Charge c = charge(3000, true);
    refund(c.getId(), 1000L);
    assertThat(stripe.v1().charges().retrieve(c.getId()).getRefunded()).isFalse();
    assertStripeError(() -> refund(c.getId(), 2500L))
        .isInvalidRequest()
        .hasParam("amount")
        .hasNoCode()
        .hasMessage("Refund amount ($25.00) is greater than unrefunded amount on charge ($20.00)");
    Refund rest = refund(c.getId(), null);
    assertThat(rest.getAmount()).isEqualTo(2000L);
    assertThat(stripe.v1().charges().retrieve(c.getId()).getRefunded()).isTrue();
    assertStripeError(() -> refund(c.getId(), null))
        .isInvalidRequest()
        .hasCode("charge_already_refunded")
        .hasMessage("Charge " + c.getId() + " has already been refunded.");
  }

  @Test
  void refundingAnUncapturedChargeReleasesItInFullOnly() throws StripeException {
    Charge c = charge(4000, false);
    assertStripeError(() -> refund(c.getId(), 1000L))
        .isInvalidRequest()
        .hasMessageStartingWith("You cannot partially refund an uncaptured charge.");
    Refund r = refund(c.getId(), null);
    assertThat(r.getBalanceTransaction()).isNull();
    Charge after = stripe.v1().charges().retrieve(c.getId());
    assertThat(after.getRefunded()).isTrue();
    assertThat(after.getCaptured()).isFalse();
  }

  @Test
  void aPartiallyCapturedChargeRefundsWhatWasCaptured() throws StripeException {
    Charge c = charge(5000, false);
    stripe
        .v1()
        .charges()
        .capture(
            c.getId(), com.stripe.param.ChargeCaptureParams.builder().setAmount(3000L).build());
    // Since 2025-03-31.basil the released 2000 is no refund, so 3000 is what remains refundable.
    assertStripeError(() -> refund(c.getId(), 3001L))
        .isInvalidRequest()
        .hasParam("amount")
        .hasMessage("Refund amount ($30.01) is greater than unrefunded amount on charge ($30.00)");
    Refund r = refund(c.getId(), null);
    assertThat(r.getAmount()).isEqualTo(3000L);
    Charge after = stripe.v1().charges().retrieve(c.getId());
    assertThat(after.getAmountRefunded()).isEqualTo(3000L);
    assertThat(after.getRefunded()).isTrue();
  }

  @Test
  void validationErrorsUseStripesWording() throws StripeException {
    assertStripeError(() ->
            stripe.v1().refunds().create(RefundCreateParams.builder().setAmount(100L).build()))
        .isInvalidRequest()
        .hasNoParam()
        .hasMessage(
            "One of the following params should be provided for this request: payment_intent or charge.");
    assertStripeError(() -> refund("ch_missing", null))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("id")
        .hasMessage("No such charge: 'ch_missing'");
    Charge c = charge(1000, true);
    assertStripeError(() -> refund(c.getId(), 0L))
        .isInvalidRequest()
        .hasCode("parameter_invalid_integer")
        .hasMessage("This value must be greater than or equal to 1.");
    assertStripeError(() ->
            stripe
                .v1()
                .refunds()
                .create(
                    RefundCreateParams.builder()
                        .setCharge(c.getId())
                        .putExtraParam("reason", "expired_uncaptured_charge")
                        .build()))
        .isInvalidRequest()
        .hasParam("reason")
        .hasMessage(
            "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer");
  }

  @Test
  void aFailedChargeCannotBeRefunded() {
    String failed =
        catchCardError(() -> Fixtures.charge(stripe, "tok_chargeDeclined", 1000)).getCharge();
    assertStripeError(() -> refund(failed, null)).isInvalidRequest();
  }

  @Test
  void aChargedBackChargeCannotBeRefundedButAnInquiryCan() throws StripeException {
    Charge chargeback = Fixtures.charge(stripe, "tok_createDispute", 2000);
    assertStripeError(() -> refund(chargeback.getId(), null))
        .isInvalidRequest()
        .hasCode("charge_disputed")
        .hasMessage(
            "Charge " + chargeback.getId() + " has been charged back; cannot issue a refund.");
    Charge inquiry = Fixtures.charge(stripe, "tok_createDisputeInquiry", 2000);
    assertThat(refund(inquiry.getId(), null).getStatus()).isEqualTo("succeeded");
  }

  @Test
  void updateMergesMetadataOnly() throws StripeException {
    Refund r =
        stripe
            .v1()
            .refunds()
            .create(
                RefundCreateParams.builder()
                    .setCharge(charge(1000, true).getId())
                    .putMetadata("a", "1")
                    .putMetadata("b", "2")
                    .build());
    Refund u =
        stripe
            .v1()
            .refunds()
            .update(
                r.getId(),
                RefundUpdateParams.builder().putMetadata("b", "").putMetadata("c", "3").build());
    assertThat(u.getMetadata()).isEqualTo(Map.of("a", "1", "c", "3"));
    assertStripeError(() ->
            stripe
                .v1()
                .refunds()
                .update(r.getId(), RefundUpdateParams.builder().putExtraParam("amount", 5).build()))
        .isInvalidRequest()
        .hasParam("amount");
  }

  @Test
  void listFiltersByChargeNewestFirst() throws StripeException {
    Charge c = charge(3000, true);
    Refund r1 = refund(c.getId(), 500L);
    Refund r2 = refund(c.getId(), 600L);
    refund(charge(1000, true).getId(), null);
    assertThat(
            stripe
                .v1()
                .refunds()
                .list(RefundListParams.builder().setCharge(c.getId()).build())
                .getData())
        .extracting(Refund::getId)
        .containsExactly(r2.getId(), r1.getId());
    assertStripeError(() ->
            stripe.v1().refunds().list(RefundListParams.builder().setCharge("ch_nope").build()))
        .isInvalidRequest()
        .hasStatus(404);
    assertStripeError(() -> stripe.v1().refunds().retrieve("re_nope"))
        .isInvalidRequest()
        .hasParam("refund")
        .hasMessage("No such refund: 're_nope'");
  }

  @Test
  void chargeScopedPathsShareTheImplementation() throws StripeException {
    Charge c = charge(3000, true);
    Charge other = charge(1000, true);
    var created =
        stripe.rawRequest(
            ApiResource.RequestMethod.POST, "/v1/charges/" + c.getId() + "/refunds", "amount=700");
    assertThat(created.code()).isEqualTo(200);
    String refundId =
        com.google.gson.JsonParser.parseString(created.body())
            .getAsJsonObject()
            .get("id")
            .getAsString();
    var listed =
        stripe.rawRequest(
            ApiResource.RequestMethod.GET, "/v1/charges/" + c.getId() + "/refunds", null);
    assertThat(listed.body())
        .contains(refundId)
        .contains("\"url\": \"/v1/charges/" + c.getId() + "/refunds\"");
    var fetched =
        stripe.rawRequest(
            ApiResource.RequestMethod.GET,
            "/v1/charges/" + c.getId() + "/refunds/" + refundId,
            null);
    assertThat(fetched.body()).contains("\"amount\": 700");
    assertStripeError(() ->
            stripe.rawRequest(
                ApiResource.RequestMethod.GET,
                "/v1/charges/" + other.getId() + "/refunds/" + refundId,
                null))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("refund");
    var updated =
        stripe.rawRequest(
            ApiResource.RequestMethod.POST,
            "/v1/charges/" + c.getId() + "/refunds/" + refundId,
            "metadata[k]=v");
    assertThat(updated.body()).contains("\"k\": \"v\"");
    var legacy =
        stripe.rawRequest(
            ApiResource.RequestMethod.POST, "/v1/charges/" + c.getId() + "/refund", "amount=300");
    assertThat(legacy.body())
        .contains("\"object\": \"charge\"")
        .contains("\"amount_refunded\": 1000");
    assertStripeError(() ->
            stripe.rawRequest(
                ApiResource.RequestMethod.POST,
                "/v1/charges/" + c.getId() + "/refunds",
                "charge=" + c.getId()))
        .isInvalidRequest()
        .hasCode("parameter_unknown");
  }

  @Test
  void refundsAreIncludableOnTheChargeAndExpandable() throws StripeException {
    Charge c = charge(3000, true);
    Refund r = refund(c.getId(), 1000L);
    Charge withRefunds =
        stripe
            .v1()
            .charges()
            .retrieve(
                c.getId(),
                ChargeRetrieveParams.builder()
                    .addExpand("refunds")
                    .addExpand("refunds.data.balance_transaction")
                    .build());
    assertThat(withRefunds.getRefunds().getData())
        .extracting(Refund::getId)
        .containsExactly(r.getId());
    assertThat(
            withRefunds.getRefunds().getData().getFirst().getBalanceTransactionObject().getAmount())
        .isEqualTo(-1000L);
    assertThat(stripe.v1().charges().retrieve(c.getId()).getRefunds()).isNull();
    Refund expanded =
        stripe
            .v1()
            .refunds()
            .retrieve(
                r.getId(),
                com.stripe.param.RefundRetrieveParams.builder().addExpand("charge").build());
    assertThat(expanded.getChargeObject().getAmountRefunded()).isEqualTo(1000L);
  }
}
