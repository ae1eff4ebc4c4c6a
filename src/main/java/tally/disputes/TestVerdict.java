package tally.disputes;

import java.util.Map;

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

  static TestVerdict of(Dispute d) {
    String text = d.evidence().uncategorizedText();
    if (d.status() == DisputeStatus.UNDER_REVIEW) {
      return switch (text == null ? "" : text) {
        case "winning_evidence" -> WON;
        case "losing_evidence" -> LOST;
        default -> UNDECIDED;
      };
    }
    if (d.status() == DisputeStatus.WARNING_UNDER_REVIEW) {
      return switch (text == null ? "" : text) {
        case "winning_evidence", "losing_evidence" -> INQUIRY_CLOSED;
        case "escalate_inquiry_evidence" -> ESCALATED;
        default -> UNDECIDED;
      };
    }
    return UNDECIDED;
  }

  /** The status after this verdict. */
  DisputeStatus next(Dispute d) {
    return switch (this) {
      case WON -> DisputeStatus.WON;
      case LOST -> DisputeStatus.LOST;
      case INQUIRY_CLOSED -> DisputeStatus.WARNING_CLOSED;
      case ESCALATED -> DisputeStatus.NEEDS_RESPONSE;
      case UNDECIDED -> d.status();
    };
  }

  /**
   * The columns this verdict sets besides the status; the pending verdict is settled either way.
   */
  Map<String, Object> changes(Dispute d) {
    boolean refundable =
        switch (this) {
          case WON, INQUIRY_CLOSED -> true;
          case LOST, ESCALATED -> false;
          case UNDECIDED -> d.isChargeRefundable();
        };
    return d.movingTo(next(d), refundable);
  }
}
