package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.SetupIntent;
import com.stripe.param.SetupIntentConfirmParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentListParams;
import com.stripe.param.SetupIntentUpdateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class SetupIntentsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private SetupIntent create(SetupIntentCreateParams.Builder params) throws StripeException {
    return stripe.v1().setupIntents().create(params.build());
  }

  private SetupIntent confirmWith(String setupIntent, String paymentMethod) throws StripeException {
    return stripe
        .v1()
        .setupIntents()
        .confirm(
            setupIntent,
            SetupIntentConfirmParams.builder().setPaymentMethod(paymentMethod).build());
  }

  @Test
  void anUpdateSetsTheDescriptionAndMetadata() throws StripeException {
    SetupIntent si = create(SetupIntentCreateParams.builder());
    SetupIntent updated =
        stripe
            .v1()
            .setupIntents()
            .update(
                si.getId(),
                SetupIntentUpdateParams.builder()
                    .setDescription("Card for the gym")
                    .putMetadata("member", "7")
                    .build());
    assertThat(updated.getDescription()).isEqualTo("Card for the gym");
    assertThat(updated.getMetadata()).containsEntry("member", "7");
    assertThat(updated.getStatus()).isEqualTo("requires_payment_method");
  }

  @Test
  void aSetUpCardIsAttachedToTheCustomer() throws StripeException {
    var customer = Fixtures.customer(stripe, "setup@example.com");
    SetupIntent si = create(SetupIntentCreateParams.builder().setCustomer(customer.getId()));
    assertThat(si.getId()).startsWith("seti_");
    assertThat(si.getStatus()).isEqualTo("requires_payment_method");
    assertThat(si.getUsage()).isEqualTo("off_session");
    assertThat(si.getClientSecret()).startsWith(si.getId() + "_secret_");

    SetupIntent done = confirmWith(si.getId(), "pm_card_visa");
    assertThat(done.getStatus()).isEqualTo("succeeded");
    assertThat(stripe.v1().paymentMethods().retrieve(done.getPaymentMethod()).getCustomer())
        .isEqualTo(customer.getId());
    assertThat(
            stripe
                .v1()
                .setupIntents()
                .list(SetupIntentListParams.builder().setCustomer(customer.getId()).build())
                .getData())
        .extracting(SetupIntent::getId)
        .containsExactly(si.getId());
    assertStripeError(() -> stripe.v1().setupIntents().confirm(si.getId()))
        .isInvalidRequest()
        .hasCode("setup_intent_unexpected_state");
  }

  @Test
  void aCardThatAsksOnSetupThenPaysOffSession() throws StripeException {
    var customer = Fixtures.customer(stripe, "onsetup@example.com");
    SetupIntent si =
        create(
            SetupIntentCreateParams.builder()
                .setCustomer(customer.getId())
                .setPaymentMethod("pm_card_authenticationRequiredOnSetup")
                .setConfirm(true)
                .setReturnUrl(SERVER.baseUrl() + "/healthz"));
    assertThat(si.getStatus()).isEqualTo("requires_action");
    String url = si.getNextAction().getRedirectToUrl().getUrl();
    var page =
        SERVER.raw("GET", url.substring(SERVER.baseUrl().length()), null, null, java.util.Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("3D Secure 2 Test Page").contains("3155");
    var answer =
        SERVER.raw(
            "POST",
            url.substring(SERVER.baseUrl().length()),
            null,
            "outcome=complete",
            java.util.Map.of());
    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(answer.headers().firstValue("Location").orElseThrow())
        .contains("setup_intent=" + si.getId())
        .endsWith("redirect_status=succeeded");
    SetupIntent done = stripe.v1().setupIntents().retrieve(si.getId());
    assertThat(done.getStatus()).isEqualTo("succeeded");

    PaymentIntent offSession =
        IntentCalls.offSession(stripe, 1999L, customer.getId(), done.getPaymentMethod());
    assertThat(offSession.getStatus()).isEqualTo("succeeded");
  }

  @Test
  void aDecliningCardFailsTheSetup() throws StripeException {
    SetupIntent si = create(SetupIntentCreateParams.builder());
    assertStripeError(() -> confirmWith(si.getId(), "pm_card_chargeDeclined"))
        .isCardError()
        .hasStatus(402)
        .hasDeclineCode("generic_decline");
    SetupIntent after = stripe.v1().setupIntents().retrieve(si.getId());
    assertThat(after.getStatus()).isEqualTo("requires_payment_method");
    assertThat(after.getLastSetupError().getCode()).isEqualTo("card_declined");
  }

  @Test
  void canceled() throws StripeException {
    SetupIntent si = create(SetupIntentCreateParams.builder());
    assertThat(stripe.v1().setupIntents().cancel(si.getId()).getStatus()).isEqualTo("canceled");
  }
}
