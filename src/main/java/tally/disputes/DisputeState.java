package tally.disputes;

import java.util.Map;

/**
 * The part of a dispute that changes: its status, whether the charge may still be refunded, the
 * evidence and its bookkeeping, the pending test-mode verdict and the metadata. Changes produce a
 * new state, which {@link DisputeStore#save} writes only over the state it was derived from.
 */
record DisputeState(
    DisputeStatus status,
    boolean chargeRefundable,
    String caseType,
    Evidence evidence,
    boolean hasEvidence,
    boolean pastDue,
    long submissionCount,
    Long resolveAt,
    Map<String, String> metadata) {

  static DisputeState opened(boolean inquiry) {
    return new DisputeState(
        inquiry ? DisputeStatus.WARNING_NEEDS_RESPONSE : DisputeStatus.NEEDS_RESPONSE,
        inquiry,
        inquiry ? "inquiry" : "chargeback",
        Evidence.NONE,
        false,
        false,
        0,
        null,
        Map.of());
  }

  /** Evidence and metadata as given; nothing is submitted. */
  DisputeState staged(Evidence newEvidence, Map<String, String> newMetadata) {
    return new DisputeState(
        status,
        chargeRefundable,
        caseType,
        newEvidence,
        hasEvidence || !newEvidence.isEmpty(),
        pastDue,
        submissionCount,
        resolveAt,
        newMetadata);
  }

  /** The evidence goes to the issuer; in test mode its verdict falls due at {@code verdictAt}. */
  DisputeState submitted(boolean late, long verdictAt) {
    return new DisputeState(
        status.submitted(),
        chargeRefundable,
        caseType,
        evidence,
        true,
        late,
        submissionCount + 1,
        verdictAt,
        metadata);
  }

  /** A new status; any pending verdict is dropped. */
  DisputeState movedTo(DisputeStatus next, boolean refundable) {
    return new DisputeState(
        next,
        refundable,
        next.isInquiry() ? caseType : "chargeback",
        evidence,
        hasEvidence,
        pastDue,
        submissionCount,
        null,
        metadata);
  }
}
