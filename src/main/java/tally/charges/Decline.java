package tally.charges;

/** How a test card fails: the 402 error and the failed charge's outcome. */
public record Decline(
    String code,
    String declineCode,
    String message,
    String param,
    String networkStatus,
    String outcomeType,
    String reason,
    String riskLevel,
    String sellerMessage) {

  static Decline issuer(String code, String declineCode, String message, String param) {
    String reason = declineCode != null ? declineCode : code;
    String seller =
        "generic_decline".equals(reason)
            ? "The bank did not return any further details with this decline."
            : "The bank returned the decline code `" + reason + "`.";
    return new Decline(
        code,
        declineCode,
        message,
        param,
        "declined_by_network",
        "issuer_declined",
        reason,
        "normal",
        seller);
  }

  static Decline blocked() {
    return new Decline(
        "card_declined",
        "fraudulent",
        "Your card was declined.",
        null,
        "not_sent_to_network",
        "blocked",
        "highest_risk_level",
        "highest",
        "Stripe blocked this payment as too risky.");
  }
}
