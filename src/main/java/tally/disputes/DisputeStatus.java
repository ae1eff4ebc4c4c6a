package tally.disputes;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/**
 * A dispute's status and the moves it allows. Inquiries ({@code warning_*}) are the issuer asking
 * questions before any money moves; the rest are chargebacks. Evidence submitted again, or a test
 * verdict that decides nothing, leaves a dispute under review.
 */
enum DisputeStatus implements State<DisputeStatus> {
  WARNING_NEEDS_RESPONSE,
  WARNING_UNDER_REVIEW,
  WARNING_CLOSED,
  NEEDS_RESPONSE,
  UNDER_REVIEW,
  WON,
  LOST;

  @Override
  public Set<DisputeStatus> next() {
    return switch (this) {
      case WARNING_NEEDS_RESPONSE -> EnumSet.of(WARNING_UNDER_REVIEW, WARNING_CLOSED);
      // An inquiry under review may also be escalated into a chargeback.
      case WARNING_UNDER_REVIEW -> EnumSet.of(WARNING_UNDER_REVIEW, WARNING_CLOSED, NEEDS_RESPONSE);
      case NEEDS_RESPONSE -> EnumSet.of(UNDER_REVIEW, LOST);
      case UNDER_REVIEW -> EnumSet.of(UNDER_REVIEW, WON, LOST);
      case WARNING_CLOSED, WON, LOST -> EnumSet.noneOf(DisputeStatus.class);
    };
  }

  boolean isInquiry() {
    return this == WARNING_NEEDS_RESPONSE || this == WARNING_UNDER_REVIEW || this == WARNING_CLOSED;
  }

  /** Closed disputes take no more evidence and cannot be closed again: they move nowhere. */
  boolean isClosed() {
    return next().isEmpty();
  }

  /** Where submitting evidence leads. */
  DisputeStatus submitted() {
    return isInquiry() ? WARNING_UNDER_REVIEW : UNDER_REVIEW;
  }

  /** Where closing (accepting the dispute) leads: a lost chargeback, or a closed inquiry. */
  DisputeStatus conceded() {
    return isInquiry() ? WARNING_CLOSED : LOST;
  }
}
