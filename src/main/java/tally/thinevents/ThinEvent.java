package tally.thinevents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import tally.api.ApiObject;
import tally.core.Json;

/**
 * A v2 event ({@code v2.core.event}) as {@code /v2/core/events} shows it: the thin notification
 * plus its {@code data}. Times are RFC 3339 with milliseconds, as in every v2 object. {@code
 * context} (a connected account's) and {@code reason} (a request's, for events a request caused)
 * are absent, not null: stripe-node's typings of dahlia declare both optional and non-nullable.
 */
public record ThinEvent(
    String id,
    long createdMs,
    String type,
    String relatedObjectId,
    String relatedObjectType,
    String relatedObjectUrl,
    String data)
    implements ApiObject {

  @Override
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("object", "v2.core.event");
    json.put("created", rfc3339(createdMs));
    json.set("data", Json.tree(data));
    json.put("livemode", false);
    if (relatedObjectId != null) {
      ObjectNode related = json.putObject("related_object");
      related.put("id", relatedObjectId);
      related.put("type", relatedObjectType);
      related.put("url", relatedObjectUrl);
    }
    json.put("type", type);
    return json;
  }

  /** {@code 2024-09-26T17:46:22.134Z}: v2 renders every time so. */
  public static String rfc3339(long epochMillis) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT
        .format(Instant.ofEpochMilli(epochMillis).truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
        .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
  }
}
