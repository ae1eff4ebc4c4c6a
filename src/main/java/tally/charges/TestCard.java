package tally.charges;

/**
 * A Stripe test card and what charging it does. {@code decline} is null for cards that succeed; the
 * other behaviours (pending funds, refund and dispute outcomes) are read by later steps.
 */
public record TestCard(
    String brand,
    String last4,
    String funding,
    String country,
    Decline decline,
    String riskLevel,
    int riskScore,
    String cvcCheck,
    String addressLine1Check,
    String postalCodeCheck,
    boolean bypassPending,
    String refundBehavior,
    String disputeReason,
    boolean disputeInquiry,
    int disputeCount) {

  static TestCard of(String brand, String last4) {
    return new TestCard(
        brand, last4, "credit", "US", null, "normal", 32, null, null, null, false, null, null,
        false, 0);
  }

  TestCard funding(String f) {
    return new TestCard(
        brand,
        last4,
        f,
        country,
        decline,
        riskLevel,
        riskScore,
        cvcCheck,
        addressLine1Check,
        postalCodeCheck,
        bypassPending,
        refundBehavior,
        disputeReason,
        disputeInquiry,
        disputeCount);
  }

  TestCard country(String c) {
    return new TestCard(
        brand,
        last4,
        funding,
        c,
        decline,
        riskLevel,
        riskScore,
        cvcCheck,
        addressLine1Check,
        postalCodeCheck,
        bypassPending,
        refundBehavior,
        disputeReason,
        disputeInquiry,
        disputeCount);
  }

  TestCard declines(Decline d) {
    return new TestCard(
        brand,
        last4,
        funding,
        country,
        d,
        d.riskLevel(),
        d.riskLevel().equals("highest") ? 85 : 32,
        cvcCheck,
        addressLine1Check,
        postalCodeCheck,
        bypassPending,
        refundBehavior,
        disputeReason,
        disputeInquiry,
        disputeCount);
  }

  TestCard risk(String level, int score) {
    return new TestCard(
        brand,
        last4,
        funding,
        country,
        decline,
        level,
        score,
        cvcCheck,
        addressLine1Check,
        postalCodeCheck,
        bypassPending,
        refundBehavior,
        disputeReason,
        disputeInquiry,
        disputeCount);
  }

  TestCard checks(String cvc, String line1, String postal) {
    return new TestCard(
        brand,
        last4,
        funding,
        country,
        decline,
        riskLevel,
        riskScore,
        cvc,
        line1,
        postal,
        bypassPending,
        refundBehavior,
        disputeReason,
        disputeInquiry,
        disputeCount);
  }

  TestCard bypassingPending() {
    return new TestCard(
        brand,
        last4,
        funding,
        country,
        decline,
        riskLevel,
        riskScore,
        cvcCheck,
        addressLine1Check,
        postalCodeCheck,
        true,
        refundBehavior,
        disputeReason,
        disputeInquiry,
        disputeCount);
  }

  TestCard refunds(String behavior) {
    return new TestCard(
        brand,
        last4,
        funding,
        country,
        decline,
        riskLevel,
        riskScore,
        cvcCheck,
        addressLine1Check,
        postalCodeCheck,
        bypassPending,
        behavior,
        disputeReason,
        disputeInquiry,
        disputeCount);
  }

  TestCard disputes(String reason, boolean inquiry) {
    return disputes(reason, inquiry, 1);
  }

  /** Charging this card opens {@code count} disputes as soon as its funds are captured. */
  TestCard disputes(String reason, boolean inquiry, int count) {
    return new TestCard(
        brand,
        last4,
        funding,
        country,
        decline,
        riskLevel,
        riskScore,
        cvcCheck,
        addressLine1Check,
        postalCodeCheck,
        bypassPending,
        refundBehavior,
        reason,
        inquiry,
        count);
  }

  /** The legacy source card's brand spelling ({@code Visa}, {@code American Express}). */
  public String displayBrand() {
    return switch (brand) {
      case "visa" -> "Visa";
      case "mastercard" -> "MasterCard";
      case "amex" -> "American Express";
      case "discover" -> "Discover";
      case "diners" -> "Diners Club";
      case "jcb" -> "JCB";
      case "unionpay" -> "UnionPay";
      default -> "Unknown";
    };
  }
}
