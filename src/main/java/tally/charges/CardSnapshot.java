package tally.charges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.ObjectSchema;

/**
 * The card as charged, fixed at creation and stored as one JSON value: the legacy {@code source}
 * card, {@code payment_method_details}, {@code billing_details} and the {@code outcome}, with the
 * test token the card came from.
 */
final class CardSnapshot {
  private CardSnapshot() {}

  /** What the charge's {@code card} column holds. */
  record Snapshot(
      String token,
      BillingDetails billingDetails,
      Outcome outcome,
      MethodDetails paymentMethodDetails,
      Card source) {}

  /**
   * A test card as Tally issues it: expiring a year from the charge, fingerprinted per account.
   * Inlined into both card objects, it renders the fields they share.
   */
  record Issued(
      @Field(rendered = false) TestCard card, int expMonth, int expYear, String fingerprint) {
    @Field
    String country() {
      return card.country();
    }

    @Field
    String funding() {
      return card.funding();
    }

    @Field
    String last4() {
      return card.last4();
    }

    static Issued of(String accountId, TestCard card, long created) {
      LocalDate today = LocalDate.ofEpochDay(created / 86_400);
      return new Issued(
          card,
          today.getMonthValue(),
          today.getYear() + 1,
          CardSnapshot.fingerprint(accountId, card));
    }
  }

  /** The legacy {@code card} object (a charge's {@code source}, a customer's saved card). */
  @ApiResource(
      value = "card",
      nulls = {
        "address_city",
        "address_country",
        "address_line1",
        "address_line2",
        "address_state",
        "address_zip",
        "dynamic_last4",
        "name",
        "regulated_status",
        "tokenization_method"
      })
  record Card(String id, @Field(inline = true) Issued issued, String customer) {
    @Field
    String addressLine1Check() {
      return issued.card().addressLine1Check();
    }

    @Field
    String addressZipCheck() {
      return issued.card().postalCodeCheck();
    }

    @Field
    String brand() {
      return issued.card().displayBrand();
    }

    @Field
    String cvcCheck() {
      return issued.card().cvcCheck();
    }

    @Field
    Map<String, String> metadata() {
      return Map.of();
    }
  }

  @ApiResource(nulls = {"email", "name", "phone", "tax_id"})
  record BillingDetails(Address address) {
    static final BillingDetails NONE = new BillingDetails(new Address());
  }

  @ApiResource(nulls = {"city", "country", "line1", "line2", "postal_code", "state"})
  record Address() {}

  /** How the network answered: approved, or the test card's decline. */
  @ApiResource(nulls = {"advice_code", "network_advice_code", "network_decline_code"})
  record Outcome(@Field(rendered = false) TestCard card) {
    @Field
    String networkStatus() {
      return card.decline() == null ? "approved_by_network" : card.decline().networkStatus();
    }

    @Field
    String reason() {
      return card.decline() == null ? null : card.decline().reason();
    }

    @Field
    String riskLevel() {
      return card.riskLevel();
    }

    @Field
    int riskScore() {
      return card.riskScore();
    }

    @Field
    String sellerMessage() {
      return card.decline() == null ? "Payment complete." : card.decline().sellerMessage();
    }

    @Field
    String type() {
      return card.decline() == null ? "authorized" : card.decline().outcomeType();
    }
  }

  record MethodDetails(CardDetails card) {
    @Field
    String type() {
      return "card";
    }
  }

  /** A status-only sub-object ({@code extended_authorization}, {@code multicapture}, …). */
  record Status(String status) {
    static final Status DISABLED = new Status("disabled");
    static final Status UNAVAILABLE = new Status("unavailable");
  }

  record Checks(String addressLine1Check, String addressPostalCodeCheck, String cvcCheck) {}

  record NetworkToken(boolean used) {}

  record Overcapture(long maximumAmountCapturable, String status) {}

  /** {@code payment_method_details.card}: the card, the amount authorized and until when. */
  @ApiResource(
      nulls = {
        "authorization_code",
        "installments",
        "mandate",
        "network_transaction_id",
        "regulated_status",
        "three_d_secure",
        "transaction_link_id",
        "wallet"
      })
  record CardDetails(
      @Field(inline = true) Issued issued,
      Long amountAuthorized,
      @Field(omitNull = true) Long captureBefore,
      Overcapture overcapture) {
    @Field
    String brand() {
      return issued.card().brand();
    }

    @Field
    Checks checks() {
      TestCard card = issued.card();
      return new Checks(card.addressLine1Check(), card.postalCodeCheck(), card.cvcCheck());
    }

    @Field
    Status extendedAuthorization() {
      return Status.DISABLED;
    }

    @Field
    Status incrementalAuthorization() {
      return Status.UNAVAILABLE;
    }

    @Field
    Status multicapture() {
      return Status.UNAVAILABLE;
    }

    @Field
    String network() {
      return issued.card().brand();
    }

    @Field
    NetworkToken networkToken() {
      return new NetworkToken(false);
    }
  }

  /** {@code payment_method.card}: the card as a PaymentMethod describes it. */
  @ApiResource(nulls = {"generated_from", "wallet"})
  record MethodCard(@Field(inline = true) Issued issued) {
    @Field
    String brand() {
      return issued.card().brand();
    }

    @Field
    Checks checks() {
      TestCard card = issued.card();
      return new Checks(card.addressLine1Check(), card.postalCodeCheck(), card.cvcCheck());
    }

    @Field
    String displayBrand() {
      return issued.card().brand();
    }

    @Field
    Networks networks() {
      return new Networks(List.of(issued.card().brand()), null);
    }

    @Field
    String regulatedStatus() {
      return "unregulated";
    }

    @Field
    ThreeDSecureUsage threeDSecureUsage() {
      return new ThreeDSecureUsage(true);
    }
  }

  record Networks(List<String> available, String preferred) {}

  record ThreeDSecureUsage(boolean supported) {}

  static ObjectNode methodCard(String accountId, TestCard card, long created) {
    return ObjectSchema.of(MethodCard.class)
        .render(new MethodCard(Issued.of(accountId, card, created)));
  }

  /** A saved card's {@code card} object (as a customer's {@code default_source} expands to). */
  static ObjectNode card(
      String accountId, String cardId, TestCard card, long created, String customer) {
    return ObjectSchema.of(Card.class)
        .render(new Card(cardId, Issued.of(accountId, card, created), customer));
  }

  static ObjectNode build(
      String accountId,
      String cardId,
      String token,
      TestCard card,
      long amount,
      long created,
      Long captureBefore,
      String customer,
      boolean legacySource) {
    Issued issued = Issued.of(accountId, card, created);
    CardDetails details =
        new CardDetails(
            issued,
            card.decline() == null ? amount : null,
            captureBefore,
            new Overcapture(amount, "unavailable"));
    Snapshot snapshot =
        new Snapshot(
            token,
            BillingDetails.NONE,
            new Outcome(card),
            new MethodDetails(details),
            legacySource ? new Card(cardId, issued, customer) : null);
    return ObjectSchema.of(Snapshot.class).render(snapshot);
  }

  /** Stable per card number and account, as Stripe's fingerprints are. */
  static String fingerprint(String accountId, TestCard card) {
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
