package tally.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import tally.api.ApiError;
import tally.api.ErrorJson;
import tally.core.Json;
import tally.core.StripeLayout;

/** JSON as Tally sends it: laid out as Stripe lays it out ({@link StripeLayout}). */
final class JsonBodies {
  // The writer is immutable, so one serves every request.
  private static final ObjectWriter PRETTY = Json.MAPPER.writer(new StripeLayout());

  private JsonBodies() {}

  static byte[] write(JsonNode body) {
    try {
      return PRETTY.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree did not serialize", e);
    }
  }

  static byte[] error(ApiError error) {
    return write(ErrorJson.render(error));
  }
}
