package tally.events;

import com.fasterxml.jackson.databind.JsonNode;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** An event: what changed ({@code data.object} as of the change) and which request caused it. */
@ApiResource("event")
public record Event(
    String id,
    long created,
    String type,
    String apiVersion,
    @Field(rendered = false) JsonNode object,
    @Field(rendered = false) JsonNode previousAttributes,
    @Field(rendered = false) String requestId,
    @Field(rendered = false) String idempotencyKey,
    int pendingWebhooks)
    implements ApiObject {

  /** {@code data}: the object, and the old values of what an update changed. */
  public record Data(JsonNode object, @Field(omitNull = true) JsonNode previousAttributes) {}

  public record Request(String id, String idempotencyKey) {}

  @Field
  Data data() {
    boolean update = previousAttributes != null && !previousAttributes.isNull();
    return new Data(object, update ? previousAttributes : null);
  }

  @Field
  boolean livemode() {
    return false;
  }

  @Field
  Request request() {
    return new Request(requestId, idempotencyKey);
  }
}
