package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * A SetupIntent: saves a card for later payments, authenticating it first when the card asks. Its
 * statuses are a PaymentIntent's without capture ({@link IntentStatus}).
 */
@ApiResource(
    value = "setup_intent",
    nulls = {
      "application",
      "customer_account",
      "excluded_payment_method_types",
      "latest_attempt",
      "mandate",
      "on_behalf_of",
      "payment_method_configuration_details",
      "single_use_mandate"
    })
public record SetupIntent(
    String id,
    long created,
    IntentStatus status,
    String customer,
    String paymentMethod,
    String usage,
    String description,
    Map<String, String> metadata,
    String cancellationReason,
    JsonNode lastSetupError,
    JsonNode nextAction,
    JsonNode automaticPaymentMethods,
    JsonNode paymentMethodOptions,
    List<String> paymentMethodTypes,
    String clientSecret,
    @Field(rendered = false) String returnUrl,
    @Field(rendered = false) String authenticationToken)
    implements ApiObject {

  @Field
  List<String> flowDirections() {
    return null;
  }

  @Field
  boolean livemode() {
    return false;
  }
}
