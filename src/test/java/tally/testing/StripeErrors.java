package tally.testing;

import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Assertions on the errors stripe-java throws for Tally's error responses: which kind of error, and
 * its status, code, param, decline code and message, each checked only when asked for.
 *
 * <pre>{@code
 * assertStripeError(() -> stripe.v1().charges().retrieve("ch_nope"))
 *     .isInvalidRequest()
 *     .hasStatus(404)
 *     .hasCode("resource_missing")
 *     .hasParam("charge")
 *     .hasMessage("No such charge: 'ch_nope'");
 * }</pre>
 */
public final class StripeErrors {
  private StripeErrors() {}

  /** Runs the call, which must throw a {@link StripeException}, and returns assertions on it. */
  public static StripeErrorAssert assertStripeError(ThrowingCallable call) {
    return assertThatStripeError(Assertions.catchThrowable(call));
  }

  /** Assertions on an error already caught; it must be a {@link StripeException}. */
  public static StripeErrorAssert assertThatStripeError(Throwable thrown) {
    if (thrown == null) {
      throw new AssertionError("expected a Stripe error, but nothing was thrown");
    }
    if (!(thrown instanceof StripeException e)) {
      throw new AssertionError("expected a Stripe error, but got " + thrown, thrown);
    }
    return new StripeErrorAssert(e);
  }

  /** Runs the call, which must fail with a card error, and returns that error (its charge, say). */
  public static CardException catchCardError(ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    assertThatStripeError(thrown).isCardError();
    return (CardException) thrown;
  }

  /** The fluent checks; each fails with the whole error in its message. */
  public static final class StripeErrorAssert
      extends AbstractAssert<StripeErrorAssert, StripeException> {
    private StripeErrorAssert(StripeException actual) {
      super(actual, StripeErrorAssert.class);
    }

    /** An {@code invalid_request_error}: stripe-java's {@link InvalidRequestException}. */
    public StripeErrorAssert isInvalidRequest() {
      return isKind(InvalidRequestException.class);
    }

    /** A {@code card_error}: stripe-java's {@link CardException}. */
    public StripeErrorAssert isCardError() {
      return isKind(CardException.class);
    }

    /** A 401: stripe-java's {@link AuthenticationException}. */
    public StripeErrorAssert isAuthenticationError() {
      return isKind(AuthenticationException.class);
    }

    /** An {@code idempotency_error}: stripe-java's {@link IdempotencyException}. */
    public StripeErrorAssert isIdempotencyError() {
      return isKind(IdempotencyException.class);
    }

    /** An {@code api_error}: stripe-java's {@link ApiException}. */
    public StripeErrorAssert isApiError() {
      return isKind(ApiException.class);
    }

    public StripeErrorAssert hasStatus(int status) {
      return field("status", actual.getStatusCode(), status);
    }

    /** The error's {@code type} as sent, e.g. {@code card_error}. */
    public StripeErrorAssert hasType(String type) {
      return field(
          "type", actual.getStripeError() == null ? null : actual.getStripeError().getType(), type);
    }

    public StripeErrorAssert hasCode(String code) {
      return field("code", actual.getCode(), code);
    }

    public StripeErrorAssert hasNoCode() {
      return hasCode(null);
    }

    /** The param named; only invalid-request and card errors carry one. */
    public StripeErrorAssert hasParam(String param) {
      return field("param", param(), param);
    }

    public StripeErrorAssert hasNoParam() {
      return hasParam(null);
    }

    /** The decline code; only card errors carry one. */
    public StripeErrorAssert hasDeclineCode(String declineCode) {
      if (!(actual instanceof CardException card)) {
        failWithMessage("expected a card error with a decline code, but was %s", describe());
        return this;
      }
      return field("decline_code", card.getDeclineCode(), declineCode);
    }

    /** The message Stripe's JSON carried, exactly. */
    public StripeErrorAssert hasMessage(String message) {
      return field("message", message(), message);
    }

    public StripeErrorAssert hasMessageStartingWith(String prefix) {
      return messageSatisfies("start with", prefix, message -> message.startsWith(prefix));
    }

    public StripeErrorAssert hasMessageContaining(String part) {
      return messageSatisfies("contain", part, message -> message.contains(part));
    }

    private StripeErrorAssert messageSatisfies(
        String what, String text, java.util.function.Predicate<String> check) {
      String message = message();
      if (message == null || !check.test(message)) {
        failWithMessage(
            "expected the message to %s <%s>, but the error was %s", what, text, describe());
      }
      return this;
    }

    private StripeErrorAssert isKind(Class<? extends StripeException> kind) {
      if (!kind.isInstance(actual)) {
        failWithMessage("expected a %s, but was %s", kind.getSimpleName(), describe());
      }
      return this;
    }

    private StripeErrorAssert field(String name, Object value, Object expected) {
      if (!Objects.equals(value, expected)) {
        failWithActualExpectedAndMessage(
            value, expected, "expected %s <%s>, but the error was %s", name, expected, describe());
      }
      return this;
    }

    private String param() {
      if (actual instanceof InvalidRequestException e) {
        return e.getParam();
      }
      if (actual instanceof CardException e) {
        return e.getParam();
      }
      failWithMessage("expected an error that names a param, but was %s", describe());
      return null;
    }

    private String message() {
      return actual.getStripeError() == null ? null : actual.getStripeError().getMessage();
    }

    private String describe() {
      var error = actual.getStripeError();
      String param =
          actual instanceof InvalidRequestException e
              ? e.getParam()
              : actual instanceof CardException e ? e.getParam() : null;
      return actual.getClass().getSimpleName()
          + " {status="
          + actual.getStatusCode()
          + ", type="
          + (error == null ? null : error.getType())
          + ", code="
          + actual.getCode()
          + ", param="
          + param
          + (actual instanceof CardException e ? ", decline_code=" + e.getDeclineCode() : "")
          + ", message="
          + message()
          + "}";
    }
  }
}
