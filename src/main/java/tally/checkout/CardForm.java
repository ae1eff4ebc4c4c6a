package tally.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tally.api.Params;
import tally.charges.TestCards;
import tally.core.Json;

/**
 * What the payer types on the hosted page, under the input names of Stripe's hosted Checkout, so
 * browser tests written against Stripe's page fill ours unchanged.
 */
record CardForm(
    String email,
    String cardNumber,
    String cardExpiry,
    String cardCvc,
    String billingName,
    String billingCountry,
    String billingPostalCode) {

  /** The countries the page offers, by code (Stripe's select submits the code). */
  static final Map<String, String> COUNTRIES = countries();

  /** Where Stripe's page asks for a postal code. */
  private static final Set<String> POSTAL = Set.of("US", "GB", "CA");

  private static final Pattern EXPIRY =
      Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*");

  static CardForm decode(Params p) {
    return new CardForm(
        trim(p.string("email")),
        trim(p.string("cardNumber")),
        trim(p.string("cardExpiry")),
        trim(p.string("cardCvc")),
        trim(p.string("billingName")),
        trim(p.string("billingCountry")),
        trim(p.string("billingPostalCode")));
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The form as first shown: the session's email, the default country. */
  static CardForm blank(String email) {
    return new CardForm(email, null, null, null, null, "US", null);
  }

  String country() {
    return billingCountry == null ? "US" : billingCountry;
  }

  /** The test token the card number stands for, or null if Tally knows no such test card. */
  String token() {
    return TestCards.tokenForNumber(cardNumber);
  }

  /** What is wrong with the form, in Stripe's words; null if nothing. {@code now} in seconds. */
  String problem(long now) {
    String contact = contactProblem();
    if (contact != null) {
      return contact;
    }
    if (cardNumber == null) {
      return "Your card number is incomplete.";
    }
    if (token() == null) {
      return "Your card number is invalid. Use a test card, e.g. 4242 4242 4242 4242.";
    }
    String expiry = expiryProblem(now);
    if (expiry != null) {
      return expiry;
    }
    if (cardCvc == null || cardCvc.length() < 3) {
      return "Your card's security code is incomplete.";
    }
    if (!cardCvc.matches("\\d{3,4}")) {
      return "Your card's security code is invalid.";
    }
    if (billingName == null) {
      return "Your name is incomplete.";
    }
    if (!COUNTRIES.containsKey(country())) {
      return "Your country is not supported.";
    }
    if (POSTAL.contains(country()) && billingPostalCode == null) {
      return "Your postal code is incomplete.";
    }
    return null;
  }

  /** What is wrong when the page asks for no card (a trial that needs none); null if nothing. */
  String contactProblem() {
    if (email == null) {
      return "Your email address is incomplete.";
    }
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      return "Your email address is invalid.";
    }
    return null;
  }

  private String expiryProblem(long now) {
    if (cardExpiry == null) {
      return "Your card's expiration date is incomplete.";
    }
    Matcher m = EXPIRY.matcher(cardExpiry);
    if (!m.matches()) {
      return "Your card's expiration date is incomplete.";
    }
    int month = Integer.parseInt(m.group(1));
    int year = Integer.parseInt(m.group(2));
    year = year < 100 ? 2000 + year : year;
    if (month < 1 || month > 12) {
      return "Your card's expiration date is invalid.";
    }
    YearMonth today = YearMonth.from(Instant.ofEpochSecond(now).atZone(ZoneOffset.UTC));
    if (year < today.getYear()) {
      return "Your card's expiration year is in the past.";
    }
    if (YearMonth.of(year, month).isBefore(today)) {
      return "Your card's expiration date is in the past.";
    }
    return null;
  }

  /** The PaymentMethod's billing_details, as the API's {@code billing_details} hash reads. */
  JsonNode billingDetails() {
    ObjectNode address = Json.object();
    address.putNull("city");
    address.put("country", country());
    address.putNull("line1");
    address.putNull("line2");
    address.put("postal_code", billingPostalCode);
    address.putNull("state");
    ObjectNode out = Json.object();
    out.set("address", address);
    out.put("email", email);
    out.put("name", billingName);
    out.putNull("phone");
    out.putNull("tax_id");
    return out;
  }

  CheckoutSessions.Payer payer() {
    return new CheckoutSessions.Payer(email, billingName, country(), billingPostalCode);
  }

  private static Map<String, String> countries() {
    String[] pairs = {
      "AU",
      "Australia",
      "AT",
      "Austria",
      "BE",
      "Belgium",
      "BR",
      "Brazil",
      "CA",
      "Canada",
      "DK",
      "Denmark",
      "FI",
      "Finland",
      "FR",
      "France",
      "DE",
      "Germany",
      "HK",
      "Hong Kong",
      "IN",
      "India",
      "IE",
      "Ireland",
      "IT",
      "Italy",
      "JP",
      "Japan",
      "MX",
      "Mexico",
      "NL",
      "Netherlands",
      "NZ",
      "New Zealand",
      "NO",
      "Norway",
      "PL",
      "Poland",
      "PT",
      "Portugal",
      "SG",
      "Singapore",
      "ES",
      "Spain",
      "SE",
      "Sweden",
      "CH",
      "Switzerland",
      "GB",
      "United Kingdom",
      "US",
      "United States"
    };
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(out);
  }
}
