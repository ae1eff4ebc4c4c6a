package tally.charges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import tally.core.Json;

/**
 * The card as charged, fixed at creation: the legacy {@code source} card, {@code
 * payment_method_details}, {@code billing_details} and the {@code outcome}.
 */
final class CardSnapshot {
  private CardSnapshot() {}

  /** A saved card's {@code card} object (as a customer's {@code default_source} expands to). */
  static ObjectNode card(
      String accountId, String cardId, TestCard card, long created, String customer) {
    LocalDate today = LocalDate.ofEpochDay(created / 86_400);
    return source(
        cardId,
        card,
        today.getMonthValue(),
        today.getYear() + 1,
        fingerprint(accountId, card),
        customer);
  }

  static ObjectNode build(
      String accountId,
      String cardId,
      String token,
      TestCard card,
      long amount,
      long created,
      Long captureBefore,
      String customer) {
    LocalDate today = LocalDate.ofEpochDay(created / 86_400);
    int expMonth = today.getMonthValue();
    int expYear = today.getYear() + 1;
    String fingerprint = fingerprint(accountId, card);
    ObjectNode snapshot = Json.object();
    snapshot.put("token", token);
    snapshot.set("billing_details", billingDetails());
    snapshot.set("outcome", outcome(card));
    snapshot.set(
        "payment_method_details",
        details(card, expMonth, expYear, fingerprint, amount, captureBefore));
    snapshot.set("source", source(cardId, card, expMonth, expYear, fingerprint, customer));
    return snapshot;
  }

  private static ObjectNode billingDetails() {
    ObjectNode b = Json.object();
    b.set("address", address());
    b.putNull("email");
    b.putNull("name");
    b.putNull("phone");
    b.putNull("tax_id");
    return b;
  }

  private static ObjectNode address() {
    ObjectNode a = Json.object();
    for (String f : new String[] {"city", "country", "line1", "line2", "postal_code", "state"}) {
      a.putNull(f);
    }
    return a;
  }

  private static ObjectNode outcome(TestCard card) {
    Decline d = card.decline();
    ObjectNode o = Json.object();
    o.putNull("advice_code");
    o.putNull("network_advice_code");
    o.putNull("network_decline_code");
    o.put("network_status", d == null ? "approved_by_network" : d.networkStatus());
    o.put("reason", d == null ? null : d.reason());
    o.put("risk_level", card.riskLevel());
    o.put("risk_score", card.riskScore());
    o.put("seller_message", d == null ? "Payment complete." : d.sellerMessage());
    o.put("type", d == null ? "authorized" : d.outcomeType());
    return o;
  }

  private static ObjectNode details(
      TestCard card,
      int expMonth,
      int expYear,
      String fingerprint,
      long amount,
      Long captureBefore) {
    ObjectNode c = Json.object();
    c.put("amount_authorized", card.decline() == null ? amount : null);
    c.putNull("authorization_code");
    c.put("brand", card.brand());
    if (captureBefore != null) {
      c.put("capture_before", captureBefore);
    }
    ObjectNode checks = c.putObject("checks");
    checks.put("address_line1_check", card.addressLine1Check());
    checks.put("address_postal_code_check", card.postalCodeCheck());
    checks.put("cvc_check", card.cvcCheck());
    c.put("country", card.country());
    c.put("exp_month", expMonth);
    c.put("exp_year", expYear);
    c.putObject("extended_authorization").put("status", "disabled");
    c.put("fingerprint", fingerprint);
    c.put("funding", card.funding());
    c.putObject("incremental_authorization").put("status", "unavailable");
    c.putNull("installments");
    c.put("last4", card.last4());
    c.putNull("mandate");
    c.putObject("multicapture").put("status", "unavailable");
    c.put("network", card.brand());
    c.putObject("network_token").put("used", false);
    c.putNull("network_transaction_id");
    ObjectNode over = c.putObject("overcapture");
    over.put("maximum_amount_capturable", amount);
    over.put("status", "unavailable");
    c.putNull("regulated_status");
    c.putNull("three_d_secure");
    c.putNull("wallet");
    ObjectNode pmd = Json.object();
    pmd.set("card", c);
    pmd.put("type", "card");
    return pmd;
  }

  private static ObjectNode source(
      String cardId,
      TestCard card,
      int expMonth,
      int expYear,
      String fingerprint,
      String customer) {
    ObjectNode s = Json.object();
    s.put("id", cardId);
    s.put("object", "card");
    for (String f :
        new String[] {
          "address_city",
          "address_country",
          "address_line1",
          "address_line1_check",
          "address_state",
          "address_zip",
          "address_zip_check"
        }) {
      s.putNull(f);
    }
    s.put("address_line1_check", card.addressLine1Check());
    s.put("address_zip_check", card.postalCodeCheck());
    s.putNull("address_line2");
    s.put("brand", card.displayBrand());
    s.put("country", card.country());
    s.put("customer", customer);
    s.put("cvc_check", card.cvcCheck());
    s.putNull("dynamic_last4");
    s.put("exp_month", expMonth);
    s.put("exp_year", expYear);
    s.put("fingerprint", fingerprint);
    s.put("funding", card.funding());
    s.put("last4", card.last4());
    s.set("metadata", Json.object());
    s.putNull("name");
    s.putNull("tokenization_method");
    s.putNull("wallet");
    return s;
  }

  /** Stable per card number and account, as Stripe's fingerprints are. */
  private static String fingerprint(String accountId, TestCard card) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (accountId + ":" + card.brand() + ":" + card.last4())
                      .getBytes(StandardCharsets.UTF_8));
      String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        sb.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
