package tally.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tally.testing.StripeErrors.assertStripeError;
import static tally.testing.StripeErrors.assertThatStripeError;
import static tally.testing.StripeErrors.catchCardError;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.StripeError;
import org.junit.jupiter.api.Test;

/** The shared error assertion passes what matches and fails on each field that does not. */
class StripeErrorsTest {
  private static InvalidRequestException missingAmount() {
    var e =
        new InvalidRequestException(
            "Missing required param: amount.", "amount", "req_1", "parameter_missing", 400, null);
    StripeError error = new StripeError();
    error.setType("invalid_request_error");
    error.setMessage("Missing required param: amount.");
    e.setStripeError(error);
    return e;
  }

  private static CardException declined() {
    var e =
        new CardException(
            "Your card was declined.",
            "req_2",
            "card_declined",
            null,
            "generic_decline",
            "ch_1",
            402,
            null);
    StripeError error = new StripeError();
    error.setType("card_error");
    error.setMessage("Your card was declined.");
    e.setStripeError(error);
    return e;
  }

  @Test
  void everyFieldThatMatchesPasses() {
    assertStripeError(
            () -> {
              throw missingAmount();
            })
        .isInvalidRequest()
        .hasStatus(400)
        .hasType("invalid_request_error")
        .hasCode("parameter_missing")
        .hasParam("amount")
        .hasMessage("Missing required param: amount.")
        .hasMessageStartingWith("Missing required")
        .hasMessageContaining("param: amount");
    assertThatStripeError(declined())
        .isCardError()
        .hasStatus(402)
        .hasCode("card_declined")
        .hasNoParam()
        .hasDeclineCode("generic_decline");
    assertThat(
            catchCardError(
                    () -> {
                      throw declined();
                    })
                .getCharge())
        .isEqualTo("ch_1");
  }

  @Test
  void eachFieldThatDiffersFails() {
    var e = missingAmount();
    assertThatThrownBy(() -> assertThatStripeError(e).isCardError())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CardException")
        .hasMessageContaining("InvalidRequestException");
    assertThatThrownBy(() -> assertThatStripeError(e).hasStatus(404))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasCode("resource_missing"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasNoCode())
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasParam("currency"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasNoParam())
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasMessage("Missing required param"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasMessageStartingWith("param"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasMessageContaining("currency"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasType("card_error"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(e).hasDeclineCode("generic_decline"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> assertThatStripeError(declined()).hasDeclineCode(null))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void nothingThrownOrAnotherExceptionFails() {
    assertThatThrownBy(() -> assertStripeError(() -> {}))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("nothing was thrown");
    assertThatThrownBy(() ->
            assertStripeError(() -> {
              throw new IllegalStateException("boom");
            }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("IllegalStateException");
    assertThatThrownBy(() ->
            catchCardError(() -> {
              throw missingAmount();
            }))
        .isInstanceOf(AssertionError.class);
  }
}
