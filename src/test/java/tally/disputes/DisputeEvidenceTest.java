package tally.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.disputes.DisputedCharges.assertAlreadyClosed;
import static tally.disputes.DisputedCharges.letVerdictsFall;
import static tally.disputes.DisputedCharges.openDispute;
import static tally.disputes.DisputedCharges.submit;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Dispute;
import com.stripe.param.DisputeUpdateParams;
import com.stripe.param.DisputeUpdateParams.Evidence;
import com.stripe.param.common.EmptyParam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class DisputeEvidenceTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Dispute update(Dispute d, DisputeUpdateParams.Builder params) throws StripeException {
    return stripe.v1().disputes().update(d.getId(), params.build());
  }

  private static DisputeUpdateParams.Builder evidence(Evidence.Builder evidence) {
    return DisputeUpdateParams.builder().setEvidence(evidence.build());
  }

  private Dispute retrieve(Dispute d) throws StripeException {
    return stripe.v1().disputes().retrieve(d.getId());
  }

  /** What the verdict left: the status, whether the charge is refundable, the money moved. */
  private void assertSettled(Dispute d, String status, boolean refundable, int movements)
      throws StripeException {
    Dispute settled = retrieve(d);
    assertThat(settled.getStatus()).isEqualTo(status);
    assertThat(settled.getIsChargeRefundable()).isEqualTo(refundable);
    assertThat(settled.getBalanceTransactions()).hasSize(movements);
  }

  private static Evidence.Builder everyField() {
    return Evidence.builder()
        .setAccessActivityLog("login 2026-01-02 10:00 from 203.0.113.7")
        .setBillingAddress("1 Main St, Springfield")
        .setCancellationPolicy("file_cancel0policy0000000000")
        .setCancellationPolicyDisclosure("Shown at checkout")
        .setCancellationRebuttal("Never asked to cancel")
        .setCustomerCommunication("file_emails000000000000000000")
        .setCustomerEmailAddress("jane@example.com")
        .setCustomerName("Jane Austen")
        .setCustomerPurchaseIp("203.0.113.7")
        .setCustomerSignature("file_signature0000000000000000")
        .setDuplicateChargeDocumentation("file_duplicate0000000000000000")
        .setDuplicateChargeExplanation("Two different orders")
        .setDuplicateChargeId("ch_other")
        .setProductDescription("Widget ABC, color red")
        .setReceipt("file_receipt000000000000000000")
        .setRefundPolicy("file_refundpolicy0000000000000")
        .setRefundPolicyDisclosure("Shown on the receipt")
        .setRefundRefusalExplanation("Used for a month")
        .setServiceDate("2026-01-02")
        .setServiceDocumentation("file_service000000000000000000")
        .setShippingAddress("1 Main St, Springfield")
        .setShippingCarrier("UPS")
        .setShippingDate("2026-01-03")
        .setShippingDocumentation("file_shipping00000000000000000")
        .setShippingTrackingNumber("Z01234567890")
        .setUncategorizedFile("file_other0000000000000000000")
        .setUncategorizedText("Additional notes");
  }

  @Test
  void stagingEveryEvidenceFieldKeepsTheDisputeOpen() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    Dispute staged = update(d, evidence(everyField()).setSubmit(false));
    assertThat(staged.getStatus()).isEqualTo("needs_response");
    assertThat(staged.getEvidenceDetails().getHasEvidence()).isTrue();
    assertThat(staged.getEvidenceDetails().getSubmissionCount()).isZero();
    var e = staged.getEvidence();
    assertThat(e.getAccessActivityLog()).isEqualTo("login 2026-01-02 10:00 from 203.0.113.7");
    assertThat(e.getBillingAddress()).isEqualTo("1 Main St, Springfield");
    assertThat(e.getCancellationPolicy()).isEqualTo("file_cancel0policy0000000000");
    assertThat(e.getCancellationPolicyDisclosure()).isEqualTo("Shown at checkout");
    assertThat(e.getCancellationRebuttal()).isEqualTo("Never asked to cancel");
    assertThat(e.getCustomerCommunication()).isEqualTo("file_emails000000000000000000");
    assertThat(e.getCustomerEmailAddress()).isEqualTo("jane@example.com");
    assertThat(e.getCustomerName()).isEqualTo("Jane Austen");
    assertThat(e.getCustomerPurchaseIp()).isEqualTo("203.0.113.7");
    assertThat(e.getCustomerSignature()).isEqualTo("file_signature0000000000000000");
    assertThat(e.getDuplicateChargeDocumentation()).isEqualTo("file_duplicate0000000000000000");
    assertThat(e.getDuplicateChargeExplanation()).isEqualTo("Two different orders");
    assertThat(e.getDuplicateChargeId()).isEqualTo("ch_other");
    assertThat(e.getProductDescription()).isEqualTo("Widget ABC, color red");
    assertThat(e.getReceipt()).isEqualTo("file_receipt000000000000000000");
    assertThat(e.getRefundPolicy()).isEqualTo("file_refundpolicy0000000000000");
    assertThat(e.getRefundPolicyDisclosure()).isEqualTo("Shown on the receipt");
    assertThat(e.getRefundRefusalExplanation()).isEqualTo("Used for a month");
    assertThat(e.getServiceDate()).isEqualTo("2026-01-02");
    assertThat(e.getServiceDocumentation()).isEqualTo("file_service000000000000000000");
    assertThat(e.getShippingAddress()).isEqualTo("1 Main St, Springfield");
    assertThat(e.getShippingCarrier()).isEqualTo("UPS");
    assertThat(e.getShippingDate()).isEqualTo("2026-01-03");
    assertThat(e.getShippingDocumentation()).isEqualTo("file_shipping00000000000000000");
    assertThat(e.getShippingTrackingNumber()).isEqualTo("Z01234567890");
    assertThat(e.getUncategorizedFile()).isEqualTo("file_other0000000000000000000");
    assertThat(e.getUncategorizedText()).isEqualTo("Additional notes");

    assertThat(retrieve(d).toJson()).isEqualTo(staged.toJson());
  }

  @Test
  void submittingMovesToUnderReviewAndCountsTheSubmission() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    Dispute submitted = submit(stripe, d, "The customer signed for it");
    assertThat(submitted.getStatus()).isEqualTo("under_review");
    assertThat(submitted.getEvidenceDetails().getHasEvidence()).isTrue();
    assertThat(submitted.getEvidenceDetails().getSubmissionCount()).isEqualTo(1L);
    assertThat(submitted.getEvidenceDetails().getPastDue()).isFalse();
    assertThat(submitted.getIsChargeRefundable()).isFalse();
  }

  @Test
  void stagedEvidenceIsSubmittedLaterWithSubmitTrue() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    update(
        d, evidence(Evidence.builder().setUncategorizedText("winning_evidence")).setSubmit(false));
    Dispute submitted = update(d, DisputeUpdateParams.builder().setSubmit(true));
    assertThat(submitted.getStatus()).isEqualTo("under_review");
    assertThat(submitted.getEvidenceDetails().getSubmissionCount()).isEqualTo(1L);
    assertThat(submitted.getEvidence().getUncategorizedText()).isEqualTo("winning_evidence");
  }

  @Test
  void metadataOnlyUpdateMergesAndSubmitsNothing() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    update(d, DisputeUpdateParams.builder().putMetadata("case", "17").putMetadata("a", "1"));
    Dispute updated =
        update(d, DisputeUpdateParams.builder().putMetadata("a", "").putMetadata("b", "2"));
    assertThat(updated.getMetadata())
        .containsOnly(java.util.Map.entry("case", "17"), java.util.Map.entry("b", "2"));
    assertThat(updated.getStatus()).isEqualTo("needs_response");
    assertThat(updated.getEvidenceDetails().getSubmissionCount()).isZero();
    assertThat(updated.getEvidenceDetails().getHasEvidence()).isFalse();

    Dispute cleared = update(d, DisputeUpdateParams.builder().setMetadata(EmptyParam.EMPTY));
    assertThat(cleared.getMetadata()).isEmpty();
  }

  @Test
  void winningEvidenceWinsSecondsAfterSubmission() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    assertThat(submit(stripe, d, "winning_evidence").getStatus()).isEqualTo("under_review");
    SERVER.runJobs();
    assertThat(retrieve(d).getStatus()).isEqualTo("under_review");

    letVerdictsFall(SERVER);
    assertSettled(d, "won", true, 2);
  }

  @Test
  void losingEvidenceLoses() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDisputeProductNotReceived", 3000);
    submit(stripe, d, "losing_evidence");
    letVerdictsFall(SERVER);
    assertSettled(d, "lost", false, 1);
  }

  @Test
  void otherEvidenceStaysUnderReview() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    submit(stripe, d, "Here is the signed delivery receipt");
    letVerdictsFall(SERVER);
    assertThat(retrieve(d).getStatus()).isEqualTo("under_review");
  }

  @Test
  void anInquiryMovesToWarningUnderReviewAndThenCloses() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDisputeInquiry", 3000);
    assertThat(submit(stripe, d, "winning_evidence").getStatus()).isEqualTo("warning_under_review");
    letVerdictsFall(SERVER);
    assertSettled(d, "warning_closed", true, 0);
  }

  @Test
  void escalatedInquiryBecomesAChargeback() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDisputeInquiry", 3000);
    assertThat(submit(stripe, d, "escalate_inquiry_evidence").getStatus())
        .isEqualTo("warning_under_review");
    letVerdictsFall(SERVER);
    Dispute escalated = retrieve(d);
    assertThat(escalated.getStatus()).isEqualTo("needs_response");
    assertThat(escalated.getIsChargeRefundable()).isFalse();
    assertThat(escalated.getPaymentMethodDetails().getCard().getCaseType()).isEqualTo("chargeback");
    assertThat(escalated.getBalanceTransactions())
        .singleElement()
        .satisfies(t -> {
          assertThat(t.getAmount()).isEqualTo(-3000L);
          assertThat(t.getFee()).isEqualTo(1500L);
        });

    // Now a chargeback, it can be fought and won like any other.
    submit(stripe, escalated, "winning_evidence");
    letVerdictsFall(SERVER);
    assertThat(retrieve(d).getStatus()).isEqualTo("won");
  }

  @Test
  void aWonDisputeTakesNoMoreEvidence() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    submit(stripe, d, "winning_evidence");
    letVerdictsFall(SERVER);
    assertAlreadyClosed(() -> submit(stripe, d, "more"));
  }

  @Test
  void aPlainStringInAFileFieldIsRefused() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    assertStripeError(() -> update(d, evidence(Evidence.builder().setReceipt("my receipt.pdf"))))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("resource_missing")
        .hasParam("evidence[receipt]")
        .hasMessage("No such file upload: 'my receipt.pdf'");
    assertThat(retrieve(d).getEvidence().getReceipt()).isNull();
  }

  @Test
  void anUnknownEvidenceFieldIsNamed() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    assertStripeError(() ->
            update(
                d,
                DisputeUpdateParams.builder().putExtraParam("evidence[favourite_colour]", "red")))
        .isInvalidRequest()
        .hasCode("parameter_unknown")
        .hasParam("evidence[favourite_colour]")
        .hasMessage("Received unknown parameter: evidence[favourite_colour]");
  }

  @Test
  void overlongEvidenceTextIsRefused() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    assertStripeError(
            () -> update(d, evidence(Evidence.builder().setCustomerName("x".repeat(5001)))))
        .isInvalidRequest()
        .hasParam("evidence[customer_name]")
        .hasMessage("Invalid evidence[customer_name]: must be at most 5000 characters");
  }

  @Test
  void evidenceSentEmptyIsCleared() throws StripeException {
    Dispute d = openDispute(stripe, "tok_createDispute", 3000);
    update(
        d,
        evidence(Evidence.builder().setCustomerName("Jane").setShippingCarrier("UPS"))
            .setSubmit(false));
    Dispute cleared =
        update(d, evidence(Evidence.builder().setCustomerName(EmptyParam.EMPTY)).setSubmit(false));
    assertThat(cleared.getEvidence().getCustomerName()).isNull();
    assertThat(cleared.getEvidence().getShippingCarrier()).isEqualTo("UPS");
  }
}
