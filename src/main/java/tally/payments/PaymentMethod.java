package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/**
 * A card PaymentMethod. Tally's cards come from Stripe's test tokens; the token decides how every
 * payment with it behaves. {@code consumed}: used once without a customer, or detached, so it may
 * not be used again (as on Stripe). {@code authenticated}: set up with 3-D Secure, so off-session
 * payments of cards that ask only once pass.
 */
@ApiResource(
    value = "payment_method",
    nulls = {"customer_account"})
public record PaymentMethod(
    String id,
    long created,
    String type,
    String customer,
    JsonNode billingDetails,
    Map<String, String> metadata,
    String allowRedisplay,
    JsonNode card,
    @Field(rendered = false) String token,
    @Field(rendered = false) boolean consumed,
    @Field(rendered = false) boolean authenticated)
    implements ApiObject {

  @Field
  boolean livemode() {
    return false;
  }
}
