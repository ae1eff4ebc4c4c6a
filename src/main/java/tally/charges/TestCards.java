package tally.charges;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Stripe's test tokens (reference §9) and the cards they stand for. */
public final class TestCards {
  private static final Map<String, TestCard> TOKENS = new HashMap<>();
  private static final Map<String, String> COUNTRY_LAST4 =
      Map.ofEntries(
          Map.entry("us", "4242"),
          Map.entry("gb", "0000"),
          Map.entry("de", "0016"),
          Map.entry("fr", "0003"),
          Map.entry("jp", "0003"),
          Map.entry("ca", "0000"),
          Map.entry("au", "0006"),
          Map.entry("br", "0002"),
          Map.entry("mx", "8001"),
          Map.entry("in", "0008"),
          Map.entry("it", "0008"),
          Map.entry("es", "0007"),
          Map.entry("nl", "0002"),
          Map.entry("sg", "0003"),
          Map.entry("ie", "0007"),
          Map.entry("at", "0007"),
          Map.entry("be", "0002"),
          Map.entry("ch", "0005"));

  private TestCards() {}

  static {
    TestCard visa = TestCard.of("visa", "4242");
    put(visa, "tok_visa");
    put(TestCard.of("visa", "5556").funding("debit"), "tok_visa_debit");
    put(TestCard.of("mastercard", "4444"), "tok_mastercard");
    put(TestCard.of("mastercard", "8210").funding("debit"), "tok_mastercard_debit");
    put(TestCard.of("mastercard", "5100").funding("prepaid"), "tok_mastercard_prepaid");
    put(TestCard.of("amex", "8431"), "tok_amex");
    put(TestCard.of("discover", "1117"), "tok_discover");
    put(TestCard.of("diners", "0004"), "tok_diners");
    put(TestCard.of("jcb", "0505").country("JP"), "tok_jcb");
    put(TestCard.of("unionpay", "0005").country("CN"), "tok_unionpay");

    put(TestCard.of("visa", "0077").bypassingPending(), "tok_bypassPending");
    put(
        TestCard.of("visa", "0278").country("GB").bypassingPending(),
        "tok_bypassPendingInternational");
    put(TestCard.of("visa", "5126").refunds("fail"), "tok_refundFail");
    put(TestCard.of("visa", "7726").refunds("pending"), "tok_pendingRefund");
    put(TestCard.of("visa", "0093"), "tok_domesticPricing");

    put(TestCard.of("visa", "9235").risk("elevated", 74), "tok_riskLevelElevated");
    put(TestCard.of("visa", "4954").declines(Decline.blocked()), "tok_riskLevelHighest");
    put(
        TestCard.of("visa", "0019").declines(Decline.blocked()),
        "tok_radarBlock",
        "tok_chargeDeclinedFraudulent");
    put(TestCard.of("visa", "0101").checks("fail", null, null), "tok_cvcCheckFail");
    put(TestCard.of("visa", "0036").checks(null, "pass", "fail"), "tok_avsZipFail");
    put(TestCard.of("visa", "0028").checks(null, "fail", "pass"), "tok_avsLine1Fail");
    put(TestCard.of("visa", "0010").checks(null, "fail", "fail"), "tok_avsFail");
    put(TestCard.of("visa", "0044").checks(null, "unavailable", "unavailable"), "tok_avsUnchecked");

    String declined = "Your card was declined.";
    put(
        TestCard.of("visa", "0002")
            .declines(Decline.issuer("card_declined", "generic_decline", declined, null)),
        "tok_chargeDeclined",
        "tok_visa_chargeDeclined");
    put(
        TestCard.of("visa", "9995")
            .declines(
                Decline.issuer(
                    "card_declined",
                    "insufficient_funds",
                    "Your card has insufficient funds.",
                    null)),
        "tok_chargeDeclinedInsufficientFunds",
        "tok_visa_chargeDeclinedInsufficientFunds");
    put(
        TestCard.of("visa", "9987")
            .declines(Decline.issuer("card_declined", "lost_card", declined, null)),
        "tok_chargeDeclinedLostCard",
        "tok_visa_chargeDeclinedLostCard");
    put(
        TestCard.of("visa", "9979")
            .declines(Decline.issuer("card_declined", "stolen_card", declined, null)),
        "tok_chargeDeclinedStolenCard",
        "tok_visa_chargeDeclinedStolenCard");
    put(
        TestCard.of("visa", "0069")
            .declines(
                Decline.issuer(
                    "expired_card", "expired_card", "Your card has expired.", "exp_month")),
        "tok_chargeDeclinedExpiredCard",
        "tok_visa_chargeDeclinedExpiredCard");
    put(
        TestCard.of("visa", "0127")
            .declines(
                Decline.issuer(
                    "incorrect_cvc", null, "Your card's security code is incorrect.", "cvc")),
        "tok_chargeDeclinedIncorrectCvc",
        "tok_visa_chargeDeclinedIncorrectCvc");
    put(
        TestCard.of("visa", "0119")
            .declines(
                Decline.issuer(
                    "processing_error",
                    null,
                    "An error occurred while processing your card. Try again in a little bit.",
                    null)),
        "tok_chargeDeclinedProcessingError",
        "tok_visa_chargeDeclinedProcessingError");
    put(
        TestCard.of("visa", "6975")
            .declines(Decline.issuer("card_declined", "card_velocity_exceeded", declined, null)),
        "tok_visa_chargeDeclinedVelocityLimitExceeded");
    put(
        TestCard.of("visa", "0341")
            .declines(Decline.issuer("card_declined", "generic_decline", declined, null)),
        "tok_chargeCustomerFail");

    // 3-D Secure cards (Stripe's testing page): authentication asked on session, and off-session
    // payments declined with authentication_required unless the card was set up first.
    put(
        TestCard.of("visa", "3184").authenticates(TestCard.Authentication.ALWAYS),
        "tok_authenticationRequired",
        "tok_visa_authenticationRequired");
    put(
        TestCard.of("visa", "3220").authenticates(TestCard.Authentication.ALWAYS),
        "tok_threeDSecure2Required");
    put(
        TestCard.of("visa", "3063").authenticates(TestCard.Authentication.ALWAYS),
        "tok_threeDSecureRequired");
    put(
        TestCard.of("visa", "3155").authenticates(TestCard.Authentication.ON_SETUP),
        "tok_authenticationRequiredOnSetup");
    put(TestCard.of("visa", "3055"), "tok_threeDSecureOptional");

    // Dispute cards (reference §7.3); live test mode also knows the tok_visa_ spellings.
    put(
        TestCard.of("visa", "0259").disputes("fraudulent", false),
        "tok_createDispute",
        "tok_visa_createDispute");
    put(
        TestCard.of("visa", "2685").disputes("product_not_received", false),
        "tok_createDisputeProductNotReceived",
        "tok_visa_createDisputeProductNotReceived");
    put(
        TestCard.of("visa", "1976").disputes("fraudulent", true),
        "tok_createDisputeInquiry",
        "tok_visa_createDisputeInquiry");
    put(TestCard.of("visa", "0079").disputes("fraudulent", false, 2), "tok_createMultipleDisputes");
  }

  private static void put(TestCard card, String... tokens) {
    for (String token : tokens) {
      TOKENS.put(token, card);
    }
  }

  private static final Map<String, String> NUMBERS =
      Map.ofEntries(
          Map.entry("4242424242424242", "tok_visa"),
          Map.entry("4000056655665556", "tok_visa_debit"),
          Map.entry("5555555555554444", "tok_mastercard"),
          Map.entry("378282246310005", "tok_amex"),
          Map.entry("6011111111111117", "tok_discover"),
          Map.entry("4000000000000077", "tok_bypassPending"),
          Map.entry("4000000000000002", "tok_chargeDeclined"),
          Map.entry("4000000000009995", "tok_chargeDeclinedInsufficientFunds"),
          Map.entry("4000000000009987", "tok_visa_chargeDeclinedLostCard"),
          Map.entry("4000000000000069", "tok_chargeDeclinedExpiredCard"),
          Map.entry("4000000000000127", "tok_chargeDeclinedIncorrectCvc"),
          Map.entry("4000000000000119", "tok_chargeDeclinedProcessingError"),
          Map.entry("4100000000000019", "tok_radarBlock"),
          Map.entry("4000000000000259", "tok_createDispute"),
          Map.entry("4000000000005126", "tok_refundFail"),
          Map.entry("4000000000007726", "tok_pendingRefund"),
          Map.entry("4000002760003184", "tok_authenticationRequired"),
          Map.entry("4000000000003220", "tok_threeDSecure2Required"),
          Map.entry("4000000000003063", "tok_threeDSecureRequired"),
          Map.entry("4000002500003155", "tok_authenticationRequiredOnSetup"),
          Map.entry("4000000000003055", "tok_threeDSecureOptional"));

  /** The token of a test card number typed into a hosted page (spaces ignored), or null. */
  public static String tokenForNumber(String number) {
    return number == null ? null : NUMBERS.get(number.replaceAll("[\\s-]", ""));
  }

  /** The test card a charge was made with (its token is kept in the card snapshot). */
  public static TestCard of(Charge charge) {
    TestCard card = byToken(charge.card().path("token").asText());
    return card == null ? TestCard.of("visa", "4242") : card;
  }

  /**
   * The test token behind one of Stripe's test PaymentMethod ids ({@code pm_card_visa}, {@code
   * pm_card_chargeDeclined}, …): each names the token of the same suffix. Null if unknown.
   */
  public static String tokenForTestPaymentMethod(String id) {
    if (id == null || !id.startsWith("pm_card_")) {
      return null;
    }
    String token = "tok_" + id.substring("pm_card_".length());
    return byToken(token) == null ? null : token;
  }

  /** The card behind a test token, including {@code tok_<country>} tokens; null if unknown. */
  public static TestCard byToken(String token) {
    TestCard card = TOKENS.get(token);
    if (card == null && token.matches("tok_[a-z]{2}")) {
      String cc = token.substring(4);
      card =
          TestCard.of("visa", COUNTRY_LAST4.getOrDefault(cc, "0000"))
              .country(cc.toUpperCase(Locale.ROOT));
    }
    return card;
  }
}
