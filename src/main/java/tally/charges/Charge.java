package tally.charges;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.ObjectSchema;

/**
 * A charge as stored. Its fields come in groups that change together (the capture, the refunds,
 * what an update edits); the groups are inline, so the JSON and the columns stay flat. The card as
 * charged ({@code card}, fixed at creation) supplies {@code billing_details}, {@code outcome},
 * {@code payment_method_details} and {@code source}.
 */
@ApiResource(
    value = "charge",
    nulls = {
      "application",
      "application_fee",
      "application_fee_amount",
      "failure_balance_transaction",
      "on_behalf_of",
      "receipt_number",
      "review",
      "source_transfer",
      "transfer_data"
    })
public record Charge(
    String id,
    long created,
    // The account's mode, not a column: the store sets it as the charge is read.
    @Field(stored = false) boolean livemode,
    long amount,
    String currency,
    boolean paid,
    String status,
    String customer,
    boolean disputed,
    String paymentMethod,
    String paymentIntent,
    @Field(inline = true) Capture capture,
    @Field(inline = true) Refunds refunds,
    @Field(inline = true) Details details,
    @Field(inline = true) Descriptors descriptors,
    @Field(inline = true) Failure failure,
    @Field(rendered = false) JsonNode card,
    @Field(rendered = false) String testClock)
    implements ApiObject {

  /**
   * Whether the funds were taken, how much, their balance transaction, and until when an
   * authorization may still be captured.
   */
  public record Capture(
      boolean captured,
      long amountCaptured,
      String balanceTransaction,
      @Field(rendered = false) Long captureBefore) {}

  /**
   * What refunds returned. Since API 2025-03-31.basil it excludes what a partial capture or an
   * expiry released: those create no refund.
   */
  public record Refunds(long amountRefunded, boolean refunded) {
    static final Refunds NONE = new Refunds(0, false);
  }

  /** The fields an update may change. */
  public record Details(
      String description,
      String receiptEmail,
      String transferGroup,
      Map<String, String> metadata,
      JsonNode shipping,
      JsonNode fraudDetails) {}

  /** What the card statement shows; {@code calculated_statement_descriptor} follows from it. */
  public record Descriptors(String statementDescriptor, String statementDescriptorSuffix) {
    /** Account prefix ("TALLY") and the charge's suffix, as card networks would print it. */
    @Field
    String calculatedStatementDescriptor() {
      String suffix =
          statementDescriptorSuffix != null ? statementDescriptorSuffix : statementDescriptor;
      String full = suffix == null ? "TALLY" : "TALLY* " + suffix;
      return full.length() > 22 ? full.substring(0, 22) : full;
    }
  }

  /** Why the card declined; both null on a charge that succeeded. */
  public record Failure(String failureCode, String failureMessage) {
    static final Failure NONE = new Failure(null, null);

    static Failure of(Decline d) {
      return d == null ? NONE : new Failure(d.code(), d.message());
    }
  }

  // Grouped fields that other features read.

  public boolean captured() {
    return capture.captured();
  }

  public long amountCaptured() {
    return capture.amountCaptured();
  }

  public boolean refunded() {
    return refunds.refunded();
  }

  public String description() {
    return details.description();
  }

  /**
   * What refunds may still return: the captured amount (or, uncaptured, the whole authorization)
   * less what was refunded.
   */
  public long refundable() {
    return (capture.captured() ? capture.amountCaptured() : amount) - refunds.amountRefunded();
  }

  /** This charge as an account in {@code livemode} sees it. */
  Charge inMode(boolean live) {
    return live == livemode
        ? this
        : ObjectSchema.of(Charge.class).with(this, Map.of("livemode", live));
  }

  // The card snapshot never changes once stored, so its parts go into the JSON uncopied: a charge
  // is rendered several times per request (response, events, previous attributes).
  @Field(shared = true)
  JsonNode billingDetails() {
    return card.get("billing_details");
  }

  @Field(shared = true)
  JsonNode outcome() {
    return card.get("outcome");
  }

  @Field(shared = true)
  JsonNode paymentMethodDetails() {
    return card.get("payment_method_details");
  }

  /** The legacy card; null on a charge made through a PaymentIntent, as on Stripe. */
  @Field(shared = true)
  JsonNode source() {
    JsonNode source = card.get("source");
    return source == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : source;
  }

  @Field
  String receiptUrl() {
    return "https://pay.stripe.com/receipts/payment/" + id.substring(3);
  }
}
