package tally.charges;

import java.util.HashMap;
import java.util.Map;
import tally.core.ObjectSchema;

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
    int disputeCount,
    Authentication authentication) {

  static TestCard of(String brand, String last4) {
    return new TestCard(
        brand,
        last4,
        "credit",
        "US",
        null,
        "normal",
        32,
        null,
        null,
        null,
        false,
        null,
        null,
        false,
        0,
        Authentication.NONE);
  }

  /** Whether a payment with this card asks the cardholder to authenticate (3-D Secure). */
  public enum Authentication {
    /** Never asks (no 3-D Secure, or supported but not required). */
    NONE,
    /** Asks on every on-session payment; off-session payments decline. */
    ALWAYS,
    /** Asks once, when set up or first paid on session; later off-session payments pass. */
    ON_SETUP
  }

  private TestCard with(String component, Object value) {
    return ObjectSchema.of(TestCard.class).with(this, Map.of(component, value));
  }

  TestCard funding(String f) {
    return with("funding", f);
  }

  TestCard country(String c) {
    return with("country", c);
  }

  TestCard declines(Decline d) {
    return ObjectSchema.of(TestCard.class)
        .with(
            this,
            Map.of(
                "decline",
                d,
                "riskLevel",
                d.riskLevel(),
                "riskScore",
                d.riskLevel().equals("highest") ? 85 : 32));
  }

  TestCard risk(String level, int score) {
    return ObjectSchema.of(TestCard.class)
        .with(this, Map.of("riskLevel", level, "riskScore", score));
  }

  TestCard checks(String cvc, String line1, String postal) {
    Map<String, Object> checks = new HashMap<>();
    checks.put("cvcCheck", cvc);
    checks.put("addressLine1Check", line1);
    checks.put("postalCodeCheck", postal);
    return ObjectSchema.of(TestCard.class).with(this, checks);
  }

  TestCard bypassingPending() {
    return with("bypassPending", true);
  }

  TestCard refunds(String behavior) {
    return with("refundBehavior", behavior);
  }

  TestCard authenticates(Authentication when) {
    return with("authentication", when);
  }

  TestCard disputes(String reason, boolean inquiry) {
    return disputes(reason, inquiry, 1);
  }

  /** Charging this card opens {@code count} disputes as soon as its funds are captured. */
  TestCard disputes(String reason, boolean inquiry, int count) {
    return ObjectSchema.of(TestCard.class)
        .with(
            this,
            Map.of("disputeReason", reason, "disputeInquiry", inquiry, "disputeCount", count));
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
