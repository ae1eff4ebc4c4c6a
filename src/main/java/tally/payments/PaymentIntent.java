package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * A PaymentIntent as stored. Its charges are made by the charges feature; {@code latest_charge}
 * names the last one. {@code return_url}, {@code off_session} and the hosted authentication page's
 * token are kept for the confirmation in progress, not rendered.
 */
@ApiResource(
    value = "payment_intent",
    nulls = {
      "application",
      "application_fee_amount",
      "customer_account",
      "excluded_payment_method_types",
      "managed_payments",
      "on_behalf_of",
      "payment_method_configuration_details",
      "processing",
      "review",
      "shipping",
      "source",
      "transfer_data",
      "transfer_group"
    })
public record PaymentIntent(
    String id,
    long created,
    long amount,
    long amountCapturable,
    long amountReceived,
    String currency,
    IntentStatus status,
    String customer,
    String paymentMethod,
    String captureMethod,
    String confirmationMethod,
    String setupFutureUsage,
    String description,
    String receiptEmail,
    String statementDescriptor,
    String statementDescriptorSuffix,
    Map<String, String> metadata,
    String latestCharge,
    Long canceledAt,
    String cancellationReason,
    JsonNode lastPaymentError,
    JsonNode nextAction,
    JsonNode automaticPaymentMethods,
    JsonNode paymentMethodOptions,
    List<String> paymentMethodTypes,
    String clientSecret,
    @Field(rendered = false) String returnUrl,
    @Field(rendered = false) boolean offSession,
    @Field(rendered = false) String authenticationToken)
    implements ApiObject {

  record Tip() {}

  record AmountDetails(Tip tip) {}

  private static final AmountDetails NO_AMOUNT_DETAILS = new AmountDetails(new Tip());

  @Field
  AmountDetails amountDetails() {
    return NO_AMOUNT_DETAILS;
  }

  @Field
  boolean livemode() {
    return false;
  }

  boolean manualCapture() {
    return "manual".equals(captureMethod);
  }
}
