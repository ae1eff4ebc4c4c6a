package tally.disputes;

/**
 * What test mode decides about submitted evidence, read from {@code evidence[uncategorized_text]}
 * (reference §7.3): {@code winning_evidence} wins, {@code losing_evidence} loses (an inquiry just
 * closes), {@code escalate_inquiry_evidence} turns an inquiry into a chargeback. Anything else
 * leaves the dispute under review.
 */
enum TestVerdict {
  WON,
  LOST,
  INQUIRY_CLOSED,
  ESCALATED,
  UNDECIDED;

  static TestVerdict of(DisputeState state) {
    String text = state.evidence().uncategorizedText();
    if (state.status() == DisputeStatus.UNDER_REVIEW) {
      return switch (text == null ? "" : text) {
        case "winning_evidence" -> WON;
        case "losing_evidence" -> LOST;
        default -> UNDECIDED;
      };
    }
    if (state.status() == DisputeStatus.WARNING_UNDER_REVIEW) {
      return switch (text == null ? "" : text) {
        case "winning_evidence", "losing_evidence" -> INQUIRY_CLOSED;
        case "escalate_inquiry_evidence" -> ESCALATED;
        default -> UNDECIDED;
      };
    }
    return UNDECIDED;
  }

  /** The state after this verdict; the pending verdict is settled either way. */
  DisputeState applyTo(DisputeState state) {
    return switch (this) {
      case WON -> state.movedTo(DisputeStatus.WON, true);
      case LOST -> state.movedTo(DisputeStatus.LOST, false);
      case INQUIRY_CLOSED -> state.movedTo(DisputeStatus.WARNING_CLOSED, true);
      case ESCALATED -> state.movedTo(DisputeStatus.NEEDS_RESPONSE, false);
      case UNDECIDED -> state.movedTo(state.status(), state.chargeRefundable());
    };
  }
}
