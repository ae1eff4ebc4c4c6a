package tally.subscriptions;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/**
 * A subscription's status as Stripe moves it: a first payment that fails leaves it incomplete
 * (expiring after 23 hours), a failed renewal makes it past_due, and when the retries run out it is
 * canceled (Stripe's default setting), unpaid or left past_due.
 */
enum SubscriptionStatus implements State<SubscriptionStatus> {
  INCOMPLETE,
  INCOMPLETE_EXPIRED,
  TRIALING,
  ACTIVE,
  PAST_DUE,
  UNPAID,
  CANCELED,
  PAUSED;

  @Override
  public Set<SubscriptionStatus> next() {
    return switch (this) {
      case INCOMPLETE -> EnumSet.of(ACTIVE, INCOMPLETE_EXPIRED, CANCELED);
      case TRIALING -> EnumSet.of(ACTIVE, PAST_DUE, CANCELED, PAUSED);
      case ACTIVE -> EnumSet.of(PAST_DUE, UNPAID, CANCELED, PAUSED);
      case PAST_DUE -> EnumSet.of(ACTIVE, UNPAID, CANCELED);
      case UNPAID, PAUSED -> EnumSet.of(ACTIVE, CANCELED);
      case CANCELED, INCOMPLETE_EXPIRED -> EnumSet.noneOf(SubscriptionStatus.class);
    };
  }

  /** Statuses whose periods still renew on the clock (unpaid ones bill drafts only). */
  boolean renews() {
    return this == TRIALING || this == ACTIVE || this == PAST_DUE || this == UNPAID;
  }
}
