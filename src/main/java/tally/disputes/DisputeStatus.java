package tally.disputes;

import java.util.Locale;

/**
 * A dispute's status and the moves it allows. Inquiries ({@code warning_*}) are the issuer asking
 * questions before any money moves; the rest are chargebacks.
 */
enum DisputeStatus {
  WARNING_NEEDS_RESPONSE,
  WARNING_UNDER_REVIEW,
  WARNING_CLOSED,
  NEEDS_RESPONSE,
  UNDER_REVIEW,
  WON,
  LOST;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static DisputeStatus of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  boolean isInquiry() {
    return this == WARNING_NEEDS_RESPONSE || this == WARNING_UNDER_REVIEW || this == WARNING_CLOSED;
  }

  /** Closed disputes take no more evidence and cannot be closed again. */
  boolean isClosed() {
    return this == WARNING_CLOSED || this == WON || this == LOST;
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
