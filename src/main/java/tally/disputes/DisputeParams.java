package tally.disputes;

import java.util.Map;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.api.Patch;

/** The params records of the dispute endpoints. */
final class DisputeParams {
  private DisputeParams() {}

  /** {@code POST /v1/disputes/{dispute}} and {@code POST /v1/charges/{charge}/dispute}. */
  record Update(Map<String, Patch<String>> evidence, Metadata metadata, Boolean submit) {
    static Update decode(Params p) {
      Map<String, Patch<String>> evidence = Evidence.read(p);
      Metadata metadata = Metadata.read(p);
      Boolean submit = p.bool("submit");
      return new Update(evidence, metadata, submit);
    }

    /**
     * Whether this request submits evidence: {@code submit} defaults to true, {@code false} only
     * stages it, and an update that sends no evidence (metadata only) submits nothing unless it
     * says {@code submit=true} outright.
     */
    boolean submits() {
      return submit == null ? !evidence.isEmpty() : submit;
    }
  }

  record ListFilter(ListParams page, String charge, String paymentIntent) {
    static ListFilter decode(Params p) {
      return new ListFilter(ListParams.read(p), p.string("charge"), p.string("payment_intent"));
    }
  }
}
