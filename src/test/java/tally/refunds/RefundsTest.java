package tally.refunds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.net.ApiResource;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.RefundUpdateParams;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class RefundsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Charge charge(long amount, boolean capture) throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(
            ChargeCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .setSource("tok_visa")
                .setCapture(capture)
                .setDescription("order")
                .build());
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
    assertThatThrownBy(() -> refund(c.getId(), 2500L))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getParam()).isEqualTo("amount");
              assertThat(e.getCode()).isNull();
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo(
                      "Refund amount ($25.00) is greater than unrefunded amount on charge ($20.00)");
            });
    Refund rest = refund(c.getId(), null);
    assertThat(rest.getAmount()).isEqualTo(2000L);
    assertThat(stripe.v1().charges().retrieve(c.getId()).getRefunded()).isTrue();
    assertThatThrownBy(() -> refund(c.getId(), null))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("charge_already_refunded");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("Charge " + c.getId() + " has already been refunded.");
            });
  }

  @Test
  void refundingAnUncapturedChargeReleasesItInFullOnly() throws StripeException {
    Charge c = charge(4000, false);
    assertThatThrownBy(() -> refund(c.getId(), 1000L))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.getStripeError().getMessage())
                    .startsWith("You cannot partially refund an uncaptured charge."));
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
    Refund r = refund(c.getId(), null);
    assertThat(r.getAmount()).isEqualTo(3000L);
    assertThat(stripe.v1().charges().retrieve(c.getId()).getRefunded()).isTrue();
  }

  @Test
  void validationErrorsUseStripesWording() throws StripeException {
    assertThatThrownBy(() ->
            stripe.v1().refunds().create(RefundCreateParams.builder().setAmount(100L).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getParam()).isNull();
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo(
                      "One of the following params should be provided for this request: payment_intent or charge.");
            });
    assertThatThrownBy(() -> refund("ch_missing", null))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getParam()).isEqualTo("id");
              assertThat(e.getStripeError().getMessage()).isEqualTo("No such charge: 'ch_missing'");
            });
    Charge c = charge(1000, true);
    assertThatThrownBy(() -> refund(c.getId(), 0L))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("parameter_invalid_integer");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("This value must be greater than or equal to 1.");
            });
    assertThatThrownBy(() ->
            stripe
                .v1()
                .refunds()
                .create(
                    RefundCreateParams.builder()
                        .setCharge(c.getId())
                        .putExtraParam("reason", "expired_uncaptured_charge")
                        .build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getParam()).isEqualTo("reason");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo(
                      "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer");
            });
  }

  @Test
  void aFailedChargeCannotBeRefunded() {
    String failed =
        ((com.stripe.exception.CardException)
                org.assertj.core.api.Assertions.catchThrowable(() ->
                    stripe
                        .v1()
                        .charges()
                        .create(
                            ChargeCreateParams.builder()
                                .setAmount(1000L)
                                .setCurrency("usd")
                                .setSource("tok_chargeDeclined")
                                .build())))
            .getCharge();
    assertThatThrownBy(() -> refund(failed, null)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aChargedBackChargeCannotBeRefundedButAnInquiryCan() throws StripeException {
    Charge chargeback =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(2000L)
                    .setCurrency("usd")
                    .setSource("tok_createDispute")
                    .build());
    assertThatThrownBy(() -> refund(chargeback.getId(), null))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("charge_disputed");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo(
                      "Charge "
                          + chargeback.getId()
                          + " has been charged back; cannot issue a refund.");
            });
    Charge inquiry =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(2000L)
                    .setCurrency("usd")
                    .setSource("tok_createDisputeInquiry")
                    .build());
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
    assertThatThrownBy(() ->
            stripe
                .v1()
                .refunds()
                .update(r.getId(), RefundUpdateParams.builder().putExtraParam("amount", 5).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("amount"));
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
    assertThatThrownBy(() ->
            stripe.v1().refunds().list(RefundListParams.builder().setCharge("ch_nope").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> stripe.v1().refunds().retrieve("re_nope"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getParam()).isEqualTo("refund");
              assertThat(e.getStripeError().getMessage()).isEqualTo("No such refund: 're_nope'");
            });
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
        .contains("\"url\" : \"/v1/charges/" + c.getId() + "/refunds\"");
    var fetched =
        stripe.rawRequest(
            ApiResource.RequestMethod.GET,
            "/v1/charges/" + c.getId() + "/refunds/" + refundId,
            null);
    assertThat(fetched.body()).contains("\"amount\" : 700");
    assertThatThrownBy(() ->
            stripe.rawRequest(
                ApiResource.RequestMethod.GET,
                "/v1/charges/" + other.getId() + "/refunds/" + refundId,
                null))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getParam()).isEqualTo("refund");
            });
    var updated =
        stripe.rawRequest(
            ApiResource.RequestMethod.POST,
            "/v1/charges/" + c.getId() + "/refunds/" + refundId,
            "metadata[k]=v");
    assertThat(updated.body()).contains("\"k\" : \"v\"");
    var legacy =
        stripe.rawRequest(
            ApiResource.RequestMethod.POST, "/v1/charges/" + c.getId() + "/refund", "amount=300");
    assertThat(legacy.body())
        .contains("\"object\" : \"charge\"")
        .contains("\"amount_refunded\" : 1000");
    assertThatThrownBy(() ->
            stripe.rawRequest(
                ApiResource.RequestMethod.POST,
                "/v1/charges/" + c.getId() + "/refunds",
                "charge=" + c.getId()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.getCode()).isEqualTo("parameter_unknown"));
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
