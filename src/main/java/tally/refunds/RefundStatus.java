package tally.refunds;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/**
 * A refund's life. Test cards make a refund wait ({@code pending}) or fail after succeeding; a
 * pending refund can also be canceled by the merchant.
 */
public enum RefundStatus implements State<RefundStatus> {
  PENDING,
  REQUIRES_ACTION,
  SUCCEEDED,
  FAILED,
  CANCELED;

  @Override
  public Set<RefundStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(SUCCEEDED, FAILED, CANCELED);
      case REQUIRES_ACTION -> EnumSet.of(PENDING, CANCELED);
      case SUCCEEDED -> EnumSet.of(FAILED);
      case FAILED, CANCELED -> EnumSet.noneOf(RefundStatus.class);
    };
  }
}
