package tally.refunds;

import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * A refund. Stripe omits some fields while they have no value and sends no {@code livemode}
 * (reference §6.1); {@code pending_outcome} and {@code due_at} drive test cards' late outcomes, on
 * the charge's test clock if it has one.
 */
@ApiResource(
    value = "refund",
    nulls = {"customer_account", "receipt_number", "source_transfer_reversal", "transfer_reversal"})
public record Refund(
    String id,
    long created,
    String charge,
    long amount,
    String currency,
    RefundStatus status,
    String reason,
    String balanceTransaction,
    @Field(omitNull = true) String failureBalanceTransaction,
    @Field(omitNull = true) String failureReason,
    @Field(omitNull = true) String instructionsEmail,
    String customer,
    String paymentMethod,
    String paymentIntent,
    Map<String, String> metadata,
    @Field(rendered = false) Long dueAt,
    @Field(rendered = false) String pendingOutcome,
    @Field(rendered = false) String testClock)
    implements ApiObject {

  /** Where a card refund goes; test mode shows a pending acquirer reference. */
  public record Destination(DestinationCard card, String type) {}

  public record DestinationCard(String referenceStatus, String referenceType, String type) {}

  private static final Destination CARD_DESTINATION =
      new Destination(
          new DestinationCard("pending", "acquirer_reference_number", "refund"), "card");

  @Field
  Destination destinationDetails() {
    return CARD_DESTINATION;
  }
}
