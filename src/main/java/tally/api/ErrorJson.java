package tally.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Renders an {@link ApiError} as Stripe's envelope; absent fields are omitted, not null. */
public final class ErrorJson {
  private ErrorJson() {}

  public static int status(ApiError error) {
    return switch (error) {
      case ApiError.InvalidRequest e -> e.status();
      case ApiError.NotFound e -> 404;
      case ApiError.Authentication e -> 401;
      case ApiError.CardError e -> 402;
      case ApiError.Detailed e -> e.status();
      case ApiError.Idempotency e -> 400;
      case ApiError.Conflict e -> 409;
      case ApiError.ApiFailure e -> 500;
    };
  }

  public static ObjectNode render(ApiError error) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    switch (error) {
      case ApiError.InvalidRequest r -> {
        fill(e, "invalid_request_error", r.code(), r.param(), r.message());
      }
      case ApiError.NotFound r ->
          fill(e, "invalid_request_error", r.code(), r.param(), r.message());
      case ApiError.Authentication r ->
          fill(e, "invalid_request_error", r.code(), null, r.message());
      case ApiError.CardError r -> {
        fill(e, "card_error", r.code(), r.param(), r.message());
        putIfPresent(e, "decline_code", r.declineCode());
        putIfPresent(e, "charge", r.charge());
      }
      case ApiError.Detailed r -> e.setAll(r.error());
      case ApiError.Idempotency r -> fill(e, "idempotency_error", null, null, r.message());
      case ApiError.Conflict r -> fill(e, "invalid_request_error", r.code(), null, r.message());
      case ApiError.ApiFailure r -> fill(e, "api_error", null, null, r.message());
    }
    // Stripe sends the error's fields in alphabetical order.
    ObjectNode sorted = JsonNodeFactory.instance.objectNode();
    new java.util.TreeMap<String, com.fasterxml.jackson.databind.JsonNode>(
            e.properties().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
        .forEach(sorted::set);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("error", sorted);
    return body;
  }

  private static void fill(ObjectNode e, String type, String code, String param, String message) {
    // A safety net under Echo.bounded at each quote: no error grows with what was sent.
    param = Echo.capped(param, 500);
    message = Echo.capped(message, 2000);
    putIfPresent(e, "code", code);
    if (code != null) {
      e.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    }
    e.put("message", message);
    putIfPresent(e, "param", param);
    e.put("type", type);
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
