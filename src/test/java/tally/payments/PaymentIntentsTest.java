package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;
import static tally.testing.StripeErrors.catchCardError;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentIncrementAuthorizationParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class PaymentIntentsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private static PaymentIntentCreateParams.Builder intent(long amount) {
    return Fixtures.intentParams(amount);
  }

  private PaymentIntent create(PaymentIntentCreateParams.Builder params) throws StripeException {
    return IntentCalls.create(stripe, params);
  }

  @Test
  void createdWithoutAMethodItWaitsForOne() throws StripeException {
    PaymentIntent pi = stripe.v1().paymentIntents().create(intent(2000).build());
    assertThat(pi.getId()).startsWith("pi_");
    assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
    assertThat(pi.getClientSecret()).startsWith(pi.getId() + "_secret_");
    assertThat(pi.getCaptureMethod()).isEqualTo("automatic_async");
    assertThat(pi.getAutomaticPaymentMethods().getEnabled()).isTrue();
    assertThat(pi.getPaymentMethodTypes()).containsExactly("card");
    assertThat(pi.getAmountReceived()).isZero();
    assertThat(pi.getLatestCharge()).isNull();
    assertThat(stripe.v1().paymentIntents().retrieve(pi.getId()).getStatus())
        .isEqualTo("requires_payment_method");
  }

  @Test
  void confirmingWithATestMethodPaysThroughACharge() throws StripeException {
    PaymentIntent pi = create(intent(2000).setPaymentMethod("pm_card_visa"));
    assertThat(pi.getStatus()).isEqualTo("requires_confirmation");
    assertThat(pi.getPaymentMethod()).startsWith("pm_").isNotEqualTo("pm_card_visa");

    PaymentIntent paid = stripe.v1().paymentIntents().confirm(pi.getId());
    assertThat(paid.getStatus()).isEqualTo("succeeded");
    assertThat(paid.getAmountReceived()).isEqualTo(2000L);
    Charge charge = stripe.v1().charges().retrieve(paid.getLatestCharge());
    assertThat(charge.getPaymentIntent()).isEqualTo(pi.getId());
    assertThat(charge.getPaymentMethod()).isEqualTo(pi.getPaymentMethod());
    assertThat(charge.getCaptured()).isTrue();
    assertThat(charge.getSource()).isNull();
    assertThat(IntentCalls.chargesOf(stripe, pi.getId()))
        .extracting(Charge::getId)
        .containsExactly(charge.getId());
  }

  @Test
  void aSucceededIntentCannotBeConfirmedAgain() throws StripeException {
    PaymentIntent pi = IntentCalls.paid(stripe, 1500);
    assertThat(pi.getStatus()).isEqualTo("succeeded");
    assertStripeError(() -> stripe.v1().paymentIntents().confirm(pi.getId()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("payment_intent_unexpected_state")
        .hasMessageContaining("status of succeeded");
  }

  @Test
  void aDeclineLeavesTheIntentWaitingForAnotherMethod() throws StripeException {
    PaymentIntent pi = stripe.v1().paymentIntents().create(intent(2000).build());
    CardException e =
        catchCardError(() ->
            IntentCalls.confirmWith(stripe, pi.getId(), "pm_card_chargeDeclinedInsufficientFunds"));
    assertThat(e.getStatusCode()).isEqualTo(402);
    assertThat(e.getDeclineCode()).isEqualTo("insufficient_funds");
    assertThat(e.getStripeError().getPaymentIntent().getId()).isEqualTo(pi.getId());
    assertThat(e.getStripeError().getPaymentMethod().getCard().getLast4()).isEqualTo("9995");

    PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId());
    assertThat(after.getStatus()).isEqualTo("requires_payment_method");
    assertThat(after.getPaymentMethod()).isNull();
    assertThat(after.getLastPaymentError().getDeclineCode()).isEqualTo("insufficient_funds");
    assertThat(after.getLastPaymentError().getCharge()).isEqualTo(after.getLatestCharge());
    assertThat(stripe.v1().charges().retrieve(after.getLatestCharge()).getStatus())
        .isEqualTo("failed");

    PaymentIntent retried = IntentCalls.confirmWith(stripe, pi.getId(), "pm_card_visa");
    assertThat(retried.getStatus()).isEqualTo("succeeded");
    assertThat(retried.getLastPaymentError()).isNull();
  }

  @Test
  void manualCaptureAuthorizesThenCapturesPart() throws StripeException {
    PaymentIntent pi = create(IntentCalls.authorizationParams(5000));
    assertThat(pi.getStatus()).isEqualTo("requires_capture");
    assertThat(pi.getAmountCapturable()).isEqualTo(5000L);

    assertStripeError(() ->
            stripe
                .v1()
                .paymentIntents()
                .capture(
                    pi.getId(),
                    PaymentIntentCaptureParams.builder().setAmountToCapture(6000L).build()))
        .isInvalidRequest()
        .hasParam("amount_to_capture");

    PaymentIntent captured =
        stripe
            .v1()
            .paymentIntents()
            .capture(
                pi.getId(), PaymentIntentCaptureParams.builder().setAmountToCapture(3000L).build());
    assertThat(captured.getStatus()).isEqualTo("succeeded");
    assertThat(captured.getAmountReceived()).isEqualTo(3000L);
    assertThat(captured.getAmountCapturable()).isZero();
    assertThat(stripe.v1().charges().retrieve(captured.getLatestCharge()).getAmountCaptured())
        .isEqualTo(3000L);
    assertStripeError(() -> stripe.v1().paymentIntents().capture(pi.getId()))
        .isInvalidRequest()
        .hasCode("payment_intent_unexpected_state");
  }

  @Test
  void canceledBeforeConfirmation() throws StripeException {
    PaymentIntent pi = stripe.v1().paymentIntents().create(intent(900).build());
    PaymentIntent canceled =
        stripe
            .v1()
            .paymentIntents()
            .cancel(
                pi.getId(),
                PaymentIntentCancelParams.builder()
                    .setCancellationReason(
                        PaymentIntentCancelParams.CancellationReason.REQUESTED_BY_CUSTOMER)
                    .build());
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(canceled.getCancellationReason()).isEqualTo("requested_by_customer");
    assertThat(canceled.getCanceledAt()).isNotNull();
    assertStripeError(() -> stripe.v1().paymentIntents().confirm(pi.getId()))
        .isInvalidRequest()
        .hasCode("payment_intent_unexpected_state");
  }

  @Test
  void refundsByPaymentIntent() throws StripeException {
    PaymentIntent pi = IntentCalls.paid(stripe, 2500);
    Refund refund =
        stripe
            .v1()
            .refunds()
            .create(
                RefundCreateParams.builder().setPaymentIntent(pi.getId()).setAmount(1000L).build());
    assertThat(refund.getPaymentIntent()).isEqualTo(pi.getId());
    assertThat(refund.getCharge()).isEqualTo(pi.getLatestCharge());
    assertThat(
            stripe
                .v1()
                .refunds()
                .list(RefundListParams.builder().setPaymentIntent(pi.getId()).build())
                .getData())
        .extracting(Refund::getId)
        .containsExactly(refund.getId());
  }

  @Test
  void anUnknownIntentIsStripes404() {
    assertStripeError(() -> stripe.v1().paymentIntents().retrieve("pi_missing"))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing")
        .hasMessage("No such payment_intent: 'pi_missing'");
  }

  @Test
  void searchFindsByMetadataAndStatus() throws StripeException {
    String tag = "s" + System.nanoTime();
    PaymentIntent pi =
        stripe.v1().paymentIntents().create(intent(1234).putMetadata("order", tag).build());
    var found =
        stripe
            .v1()
            .paymentIntents()
            .search(
                PaymentIntentSearchParams.builder()
                    .setQuery(
                        "metadata['order']:'" + tag + "' AND status:'requires_payment_method'")
                    .build());
    assertThat(found.getData()).extracting(PaymentIntent::getId).containsExactly(pi.getId());
  }

  @Test
  void aCustomersIntentSavesTheCardForLater() throws StripeException {
    var customer = Fixtures.customer(stripe, "save@example.com");
    PaymentIntent pi =
        create(
            intent(2000)
                .setCustomer(customer.getId())
                .setPaymentMethod("pm_card_visa")
                .setSetupFutureUsage(PaymentIntentCreateParams.SetupFutureUsage.OFF_SESSION)
                .setConfirm(true));
    assertThat(pi.getStatus()).isEqualTo("succeeded");
    var pm = stripe.v1().paymentMethods().retrieve(pi.getPaymentMethod());
    assertThat(pm.getCustomer()).isEqualTo(customer.getId());

    PaymentIntent later = IntentCalls.offSession(stripe, 700, customer.getId(), pm.getId());
    assertThat(later.getStatus()).isEqualTo("succeeded");
  }

  @Test
  void aCardUsedWithoutACustomerCannotBeUsedAgain() throws StripeException {
    PaymentIntent first = IntentCalls.paid(stripe, 2000);
    assertStripeError(
            () -> create(intent(2000).setPaymentMethod(first.getPaymentMethod()).setConfirm(true)))
        .isInvalidRequest()
        .hasCode("payment_method_unexpected_state");
  }

  @Test
  void offSessionACardThatAlwaysAsksIsDeclinedWithAuthenticationRequired() throws Exception {
    var customer = Fixtures.customer(stripe, "offsession@example.com");
    var pm = Fixtures.card(stripe, "tok_authenticationRequired");
    Fixtures.attach(stripe, pm.getId(), customer.getId());
    CardException e =
        catchCardError(() -> IntentCalls.offSession(stripe, 3000, customer.getId(), pm.getId()));
    assertThat(e.getStatusCode()).isEqualTo(402);
    assertThat(e.getCode()).isEqualTo("authentication_required");
    PaymentIntent pi = e.getStripeError().getPaymentIntent();
    assertThat(pi.getStatus()).isEqualTo("requires_payment_method");
    assertThat(pi.getLastPaymentError().getCode()).isEqualTo("authentication_required");
  }

  @Test
  void withoutAReturnUrlTheSdkIsAskedToAuthenticate() throws StripeException {
    PaymentIntent pi =
        create(intent(2000).setPaymentMethod("pm_card_threeDSecure2Required").setConfirm(true));
    assertThat(pi.getStatus()).isEqualTo("requires_action");
    assertThat(pi.getNextAction().getType()).isEqualTo("use_stripe_sdk");
    assertThat(pi.getLatestCharge()).isNull();
  }

  @Test
  void cancelingAnAuthorizedIntentReleasesItWithoutARefund() throws StripeException {
    PaymentIntent pi = create(IntentCalls.authorizationParams(4000));
    PaymentIntent canceled = stripe.v1().paymentIntents().cancel(pi.getId());
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(canceled.getAmountCapturable()).isZero();
    // Since 2025-03-31.basil a canceled authorization creates no Refund.
    Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
    assertThat(charge.getCaptured()).isFalse();
    assertThat(charge.getAmountRefunded()).isZero();
    assertThat(charge.getRefunded()).isFalse();
    assertStripeError(() -> stripe.v1().charges().capture(charge.getId()))
        .isInvalidRequest()
        .hasCode("charge_expired_for_capture");
  }

  private PaymentIntent incrementTo(String intent, long amount) throws StripeException {
    return stripe
        .v1()
        .paymentIntents()
        .incrementAuthorization(
            intent, PaymentIntentIncrementAuthorizationParams.builder().setAmount(amount).build());
  }

  @Test
  void anAuthorizationIsIncrementedThenCapturedInFull() throws StripeException {
    PaymentIntent pi =
        create(
            IntentCalls.authorizationParams(5000)
                .setPaymentMethodOptions(
                    PaymentIntentCreateParams.PaymentMethodOptions.builder()
                        .setCard(
                            PaymentIntentCreateParams.PaymentMethodOptions.Card.builder()
                                .setRequestIncrementalAuthorization(
                                    PaymentIntentCreateParams.PaymentMethodOptions.Card
                                        .RequestIncrementalAuthorization.IF_AVAILABLE)
                                .build())
                        .build()));
    PaymentIntent raised = incrementTo(pi.getId(), 7500L);
    assertThat(raised.getAmount()).isEqualTo(7500L);
    assertThat(raised.getAmountCapturable()).isEqualTo(7500L);
    Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
    assertThat(charge.getAmount()).isEqualTo(7500L);
    assertThat(charge.getPaymentMethodDetails().getCard().getAmountAuthorized()).isEqualTo(7500L);
    assertThat(stripe.v1().paymentIntents().capture(pi.getId()).getAmountReceived())
        .isEqualTo(7500L);
  }

  @Test
  void withoutAskingForItTheAuthorizationCannotGrow() throws StripeException {
    PaymentIntent pi = create(IntentCalls.authorizationParams(5000));
    assertStripeError(() -> incrementTo(pi.getId(), 7500L))
        .isInvalidRequest()
        .hasCode("payment_intent_unexpected_state");
  }
}
