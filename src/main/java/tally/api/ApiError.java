package tally.api;

/**
 * Every failure the API reports, as Stripe classifies it. One exhaustive switch in {@link
 * ErrorJson} turns each into an HTTP status and Stripe's error envelope.
 */
public sealed interface ApiError {
  String message();

  /** 400 (or another 4xx) {@code invalid_request_error}. */
  record InvalidRequest(int status, String code, String param, String message) implements ApiError {
    public InvalidRequest(String code, String param, String message) {
      this(400, code, param, message);
    }
  }

  /**
   * 404 for an object that does not exist in this account; {@code id} is the missing object's id
   * when the error is about one (so the dispatcher can tell if the URL named it).
   */
  record NotFound(String code, String param, String message, String id) implements ApiError {
    public NotFound(String code, String param, String message) {
      this(code, param, message, null);
    }
  }

  /** 401: no key or an unknown key. */
  record Authentication(String code, String message) implements ApiError {}

  /** 402 card decline: the failed charge is kept and named. */
  record CardError(String code, String declineCode, String param, String message, String charge)
      implements ApiError {}

  /**
   * An error whose envelope is built by the feature (a PaymentIntent's decline carries the intent
   * and its PaymentMethod); {@code error} is the object under {@code "error"}.
   */
  record Detailed(int status, com.fasterxml.jackson.databind.node.ObjectNode error)
      implements ApiError {
    @Override
    public String message() {
      return error.path("message").asText();
    }
  }

  /** 400 misuse of an idempotency key. */
  record Idempotency(String message) implements ApiError {}

  /** 409 the same idempotency key is executing right now. */
  record Conflict(String code, String message) implements ApiError {}

  /** 500: something we did not foresee; never shows internals. */
  record ApiFailure(String message) implements ApiError {}
}
