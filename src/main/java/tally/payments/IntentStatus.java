package tally.payments;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/**
 * A PaymentIntent's status and the moves Stripe makes between them. A decline or a failed
 * authentication sends the intent back to {@code requires_payment_method}; succeeded and canceled
 * are final.
 */
enum IntentStatus implements State<IntentStatus> {
  REQUIRES_PAYMENT_METHOD,
  REQUIRES_CONFIRMATION,
  REQUIRES_ACTION,
  PROCESSING,
  REQUIRES_CAPTURE,
  SUCCEEDED,
  CANCELED;

  private static final Set<IntentStatus> CONFIRMED =
      EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED);

  @Override
  public Set<IntentStatus> next() {
    return switch (this) {
      case REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION -> {
        Set<IntentStatus> s = EnumSet.copyOf(CONFIRMED);
        s.add(REQUIRES_CONFIRMATION);
        s.add(CANCELED);
        yield s;
      }
      case REQUIRES_ACTION ->
          EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CAPTURE, SUCCEEDED, PROCESSING, CANCELED);
      case PROCESSING -> EnumSet.of(SUCCEEDED, REQUIRES_CAPTURE, REQUIRES_PAYMENT_METHOD);
      case REQUIRES_CAPTURE -> EnumSet.of(SUCCEEDED, CANCELED);
      case SUCCEEDED, CANCELED -> EnumSet.noneOf(IntentStatus.class);
    };
  }

  /** The statuses from which confirm is allowed. */
  boolean confirmable() {
    return this == REQUIRES_PAYMENT_METHOD
        || this == REQUIRES_CONFIRMATION
        || this == REQUIRES_ACTION;
  }

  boolean cancelable() {
    return next().contains(CANCELED);
  }
}
