package tally.checkout;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/** A Checkout Session's life: open until paid on the hosted page or expired (API or clock). */
enum CheckoutStatus implements State<CheckoutStatus> {
  OPEN,
  COMPLETE,
  EXPIRED;

  @Override
  public Set<CheckoutStatus> next() {
    return switch (this) {
      case OPEN -> EnumSet.of(COMPLETE, EXPIRED);
      case COMPLETE, EXPIRED -> EnumSet.noneOf(CheckoutStatus.class);
    };
  }
}
