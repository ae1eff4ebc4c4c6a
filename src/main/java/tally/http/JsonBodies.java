package tally.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import tally.api.ApiError;
import tally.api.ErrorJson;
import tally.core.Json;

/** JSON as Tally sends it: pretty-printed, as Stripe does. */
final class JsonBodies {
  // The writer is immutable, so one serves every request.
  private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

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
