package tally.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.charge;
import static tally.testing.Fixtures.chargeParams;
import static tally.testing.StripeErrors.assertStripeError;
import static tally.testing.StripeErrors.assertThatStripeError;
import static tally.testing.StripeErrors.catchCardError;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.param.ChargeCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tally.testing.TallyServer;

class ChargeCreateTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Charge create(ChargeCreateParams.Builder params) throws StripeException {
    return stripe.v1().charges().create(params.build());
  }

  /** Shipping to an address, without a name. */
  private static ChargeCreateParams.Shipping.Builder shippingToARoad() {
    return ChargeCreateParams.Shipping.builder()
        .setAddress(ChargeCreateParams.Shipping.Address.builder().setLine1("1 Road").build());
  }

  @Test
  void visaChargeSucceedsAndIsCaptured() throws StripeException {
    Charge c =
        create(
            chargeParams("tok_visa", 2000)
                .setDescription("first")
                .putMetadata("order", "42")
                .setReceiptEmail("a@example.com")
                .setStatementDescriptorSuffix("ORDER 42"));
    assertThat(c.getId()).matches("ch_[0-9A-Za-z]{24}");
    assertThat(c.getStatus()).isEqualTo("succeeded");
    assertThat(c.getPaid()).isTrue();
    assertThat(c.getCaptured()).isTrue();
    assertThat(c.getAmountCaptured()).isEqualTo(2000L);
    assertThat(c.getAmountRefunded()).isZero();
    assertThat(c.getRefunded()).isFalse();
    assertThat(c.getLivemode()).isFalse();
    assertThat(c.getMetadata()).containsEntry("order", "42");
    assertThat(c.getReceiptEmail()).isEqualTo("a@example.com");
    assertThat(c.getBalanceTransaction()).startsWith("txn_");
    assertThat(c.getPaymentMethod()).startsWith("card_");
    assertThat(c.getOutcome().getNetworkStatus()).isEqualTo("approved_by_network");
    assertThat(c.getOutcome().getType()).isEqualTo("authorized");
    assertThat(c.getOutcome().getSellerMessage()).isEqualTo("Payment complete.");
    assertThat(c.getOutcome().getRiskLevel()).isEqualTo("normal");
    var card = c.getPaymentMethodDetails().getCard();
    assertThat(card.getBrand()).isEqualTo("visa");
    assertThat(card.getLast4()).isEqualTo("4242");
    assertThat(card.getFunding()).isEqualTo("credit");
    assertThat(card.getCountry()).isEqualTo("US");
    assertThat(card.getFingerprint()).hasSize(16);
    assertThat(c.getCalculatedStatementDescriptor()).endsWith("ORDER 42");

    Charge again = stripe.v1().charges().retrieve(c.getId());
    assertThat(again.toJson()).isEqualTo(c.toJson());
  }

  @ParameterizedTest
  @CsvSource({
    "tok_visa, visa, 4242, credit, US",
    "tok_visa_debit, visa, 5556, debit, US",
    "tok_mastercard, mastercard, 4444, credit, US",
    "tok_mastercard_debit, mastercard, 8210, debit, US",
    "tok_mastercard_prepaid, mastercard, 5100, prepaid, US",
    "tok_amex, amex, 8431, credit, US",
    "tok_discover, discover, 1117, credit, US",
    "tok_diners, diners, 0004, credit, US",
    "tok_jcb, jcb, 0505, credit, JP",
    "tok_unionpay, unionpay, 0005, credit, CN",
    "tok_gb, visa, 0000, credit, GB",
    "tok_bypassPending, visa, 0077, credit, US",
  })
  void eachSuccessfulTokenChargesItsCard(
      String token, String brand, String last4, String funding, String country)
      throws StripeException {
    Charge c = charge(stripe, token, 1000);
    var card = c.getPaymentMethodDetails().getCard();
    assertThat(c.getStatus()).isEqualTo("succeeded");
    assertThat(card.getBrand()).isEqualTo(brand);
    assertThat(card.getNetwork()).isEqualTo(brand);
    assertThat(card.getLast4()).isEqualTo(last4);
    assertThat(card.getFunding()).isEqualTo(funding);
    assertThat(card.getCountry()).isEqualTo(country);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "tok_chargeDeclined, card_declined, generic_decline, Your card was declined., issuer_declined",
        "tok_visa_chargeDeclined, card_declined, generic_decline, Your card was declined., issuer_declined",
        "tok_chargeDeclinedInsufficientFunds, card_declined, insufficient_funds, Your card has insufficient funds., issuer_declined",
        "tok_visa_chargeDeclinedLostCard, card_declined, lost_card, Your card was declined., issuer_declined",
        "tok_visa_chargeDeclinedStolenCard, card_declined, stolen_card, Your card was declined., issuer_declined",
        "tok_chargeDeclinedExpiredCard, expired_card, expired_card, Your card has expired., issuer_declined",
        "tok_chargeDeclinedIncorrectCvc, incorrect_cvc, null, Your card's security code is incorrect., issuer_declined",
        "tok_chargeDeclinedProcessingError, processing_error, null, An error occurred while processing your card. Try again in a little bit., issuer_declined",
        "tok_visa_chargeDeclinedVelocityLimitExceeded, card_declined, card_velocity_exceeded, Your card was declined., issuer_declined",
        "tok_radarBlock, card_declined, fraudulent, Your card was declined., blocked",
        "tok_riskLevelHighest, card_declined, fraudulent, Your card was declined., blocked",
      })
  void declinedTokensAnswer402AndStoreTheFailedCharge(
      String token, String code, String declineCode, String message, String outcomeType)
      throws StripeException {
    CardException e = catchCardError(() -> charge(stripe, token, 1500));
    assertThatStripeError(e)
        .isCardError()
        .hasStatus(402)
        .hasCode(code)
        .hasDeclineCode(declineCode)
        .hasMessage(message)
        .hasType("card_error");
    assertThat(e.getCharge()).startsWith("ch_");
    assertThat(e.getRequestId()).startsWith("req_");

    Charge failed = stripe.v1().charges().retrieve(e.getCharge());
    assertThat(failed.getStatus()).isEqualTo("failed");
    assertThat(failed.getPaid()).isFalse();
    assertThat(failed.getCaptured()).isFalse();
    assertThat(failed.getFailureCode()).isEqualTo(code);
    assertThat(failed.getFailureMessage()).isEqualTo(message);
    assertThat(failed.getBalanceTransaction()).isNull();
    assertThat(failed.getOutcome().getType()).isEqualTo(outcomeType);
  }

  @Test
  void elevatedRiskAndAddressChecksShowInTheOutcome() throws StripeException {
    assertThat(charge(stripe, "tok_riskLevelElevated", 1000).getOutcome().getRiskLevel())
        .isEqualTo("elevated");
    var checks =
        charge(stripe, "tok_avsFail", 1000).getPaymentMethodDetails().getCard().getChecks();
    assertThat(checks.getAddressLine1Check()).isEqualTo("fail");
    assertThat(checks.getAddressPostalCodeCheck()).isEqualTo("fail");
    assertThat(
            charge(stripe, "tok_cvcCheckFail", 1000)
                .getPaymentMethodDetails()
                .getCard()
                .getChecks()
                .getCvcCheck())
        .isEqualTo("fail");
  }

  @Test
  void missingAmountIsAMissingParam() {
    assertStripeError(
            () -> create(ChargeCreateParams.builder().setCurrency("usd").setSource("tok_visa")))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("parameter_missing")
        .hasParam("amount")
        .hasMessage("Missing required param: amount.");
  }

  @Test
  void neitherSourceNorCustomerIsRefused() {
    assertStripeError(
            () -> create(ChargeCreateParams.builder().setAmount(1000L).setCurrency("usd")))
        .isInvalidRequest()
        .hasCode("parameter_missing")
        .hasMessage("Must provide source or customer.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0|usd|parameter_invalid_integer|This value must be greater than or equal to 1.",
        "-5|usd|parameter_invalid_integer|This value must be greater than or equal to 1.",
        "49|usd|amount_too_small|Amount must be at least $0.50 usd",
        "29|gbp|amount_too_small|Amount must be at least £0.30 gbp",
        "100000000|usd|amount_too_large|Amount must be no more than $999,999.99",
      })
  void amountsOutsideTheLimitsAreRefused(
      long amount, String currency, String code, String message) {
    assertStripeError(() -> create(chargeParams("tok_visa", amount).setCurrency(currency)))
        .isInvalidRequest()
        .hasCode(code)
        .hasParam("amount")
        .hasMessage(message);
  }

  @Test
  void unsupportedCurrencyIsRefused() {
    assertStripeError(() -> create(chargeParams("tok_visa", 1000).setCurrency("xyz")))
        .isInvalidRequest()
        .hasParam("currency")
        .hasMessageStartingWith(
            "Invalid currency: xyz. Stripe currently supports these currencies: usd, aed,");
  }

  @Test
  void unknownParameterIsNamed() {
    assertStripeError(() -> create(chargeParams("tok_visa", 1000).putExtraParam("colour", "blue")))
        .isInvalidRequest()
        .hasCode("parameter_unknown")
        .hasParam("colour")
        .hasMessage("Received unknown parameter: colour");
  }

  @Test
  void unknownNestedParameterIsNamedInBracketForm() {
    assertStripeError(() ->
            create(
                chargeParams("tok_visa", 1000)
                    .setShipping(
                        shippingToARoad().setName("Jenny").putExtraParam("floor", "3").build())))
        .isInvalidRequest()
        .hasParam("shipping[floor]");
  }

  @Test
  void shippingRequiresAName() {
    assertStripeError(
            () -> create(chargeParams("tok_visa", 1000).setShipping(shippingToARoad().build())))
        .isInvalidRequest()
        .hasParam("shipping[name]")
        .hasCode("parameter_missing");
  }

  @Test
  void unknownTokenIsNotFound() {
    assertStripeError(() -> charge(stripe, "tok_nonsense", 1000))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing")
        .hasParam("source");
  }

  @Test
  void rawCardNumbersAreRefusedAs402() {
    var response =
        SERVER.raw(
            "POST",
            "/v1/charges",
            SERVER.newKey(),
            "amount=1000&currency=usd&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2030",
            java.util.Map.of());
    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.body()).contains("Sending credit card numbers directly to the Stripe API");
  }

  @Test
  void nothingIsWrittenWhenValidationFails() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    assertStripeError(() -> charge(fresh, "tok_visa", 10)).isInvalidRequest();
    assertThat(fresh.v1().charges().list().getData()).isEmpty();
    assertThat(fresh.v1().balanceTransactions().list().getData()).isEmpty();
  }
}
