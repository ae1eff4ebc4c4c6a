package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.param.PaymentMethodCreateParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.PaymentMethodUpdateParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class PaymentMethodsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final String key = SERVER.newKey();
  private final StripeClient stripe = SERVER.client(key);

  private static PaymentMethodCreateParams.Builder cardMethod() {
    return PaymentMethodCreateParams.builder().setType(PaymentMethodCreateParams.Type.CARD);
  }

  private PaymentMethod create(PaymentMethodCreateParams.Builder params) throws StripeException {
    return stripe.v1().paymentMethods().create(params.build());
  }

  private PaymentMethod card(String token) throws StripeException {
    return Fixtures.card(stripe, token);
  }

  private PaymentMethod attach(String pm, String customer) throws StripeException {
    return Fixtures.attach(stripe, pm, customer);
  }

  /** Exactly one event of this type, carrying the method as it was then. */
  private void assertOneEvent(String type, String pm, String customer) throws StripeException {
    List<Event> events = Fixtures.events(stripe, type);
    assertThat(events).hasSize(1);
    PaymentMethod inEvent =
        (PaymentMethod) events.getFirst().getDataObjectDeserializer().deserializeUnsafe();
    assertThat(inEvent.getId()).isEqualTo(pm);
    assertThat(inEvent.getCustomer()).isEqualTo(customer);
  }

  private List<PaymentMethod> methodsOf(String customer) throws StripeException {
    return stripe
        .v1()
        .paymentMethods()
        .list(PaymentMethodListParams.builder().setCustomer(customer).build())
        .getData();
  }

  @Test
  void aCardTokenBecomesACardPaymentMethod() throws StripeException {
    PaymentMethod pm = card("tok_visa");
    assertThat(pm.getId()).startsWith("pm_");
    assertThat(pm.getObject()).isEqualTo("payment_method");
    assertThat(pm.getType()).isEqualTo("card");
    assertThat(pm.getCustomer()).isNull();
    assertThat(pm.getLivemode()).isFalse();
    assertThat(pm.getCard().getBrand()).isEqualTo("visa");
    assertThat(pm.getCard().getLast4()).isEqualTo("4242");
    assertThat(pm.getCard().getFunding()).isEqualTo("credit");
    assertThat(pm.getCard().getExpYear()).isNotNull();
    assertThat(pm.getBillingDetails().getName()).isNull();

    PaymentMethod mastercard = card("tok_mastercard");
    assertThat(mastercard.getCard().getBrand()).isEqualTo("mastercard");
    assertThat(mastercard.getCard().getLast4()).isEqualTo("4444");
  }

  @Test
  void billingDetailsAndMetadataAreKeptFromCreate() throws StripeException {
    PaymentMethod pm =
        stripe
            .v1()
            .paymentMethods()
            .create(
                Fixtures.cardParams("tok_visa")
                    .setBillingDetails(
                        PaymentMethodCreateParams.BillingDetails.builder()
                            .setName("Jenny Rosen")
                            .setEmail("jenny@example.com")
                            .build())
                    .putMetadata("order", "42")
                    .build());
    PaymentMethod again = stripe.v1().paymentMethods().retrieve(pm.getId());
    assertThat(again.getBillingDetails().getName()).isEqualTo("Jenny Rosen");
    assertThat(again.getBillingDetails().getEmail()).isEqualTo("jenny@example.com");
    assertThat(again.getMetadata()).containsEntry("order", "42");
  }

  @Test
  void aRawCardNumberIsRefusedAsStripeRefusesIt() {
    var response =
        SERVER.raw(
            "POST",
            "/v1/payment_methods",
            key,
            "type=card&card[number]=4242424242424242&card[exp_month]=12&card[exp_year]=2030"
                + "&card[cvc]=123",
            java.util.Map.of());
    assertThat(response.statusCode()).isEqualTo(402);
    assertThat(response.body())
        .contains("invalid_request_error")
        .contains("Sending credit card numbers directly to the Stripe API is generally unsafe");
    var rawCard =
        PaymentMethodCreateParams.CardDetails.builder()
            .setNumber("4242424242424242")
            .setExpMonth(12L)
            .setExpYear(2030L)
            .setCvc("123");
    assertStripeError(() -> create(cardMethod().setCard(rawCard.build())))
        // stripe-java makes every 402 a CardException; the body is Stripe's invalid request.
        .isCardError()
        .hasType("invalid_request_error")
        .hasStatus(402)
        .hasMessageStartingWith("Sending credit card numbers directly to the Stripe API");
  }

  @Test
  void aCardWithoutATokenIsAMissingParam() {
    assertStripeError(() -> create(cardMethod()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("parameter_missing");
  }

  @Test
  void anUnknownMethodIsStripes404() {
    assertStripeError(() -> stripe.v1().paymentMethods().retrieve("pm_missing"))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing")
        .hasParam("payment_method")
        .hasMessage("No such PaymentMethod: 'pm_missing'");
  }

  @Test
  void updateChangesMetadataAndBillingDetails() throws StripeException {
    PaymentMethod pm = card("tok_visa");
    PaymentMethod updated =
        stripe
            .v1()
            .paymentMethods()
            .update(
                pm.getId(),
                PaymentMethodUpdateParams.builder()
                    .putMetadata("tier", "gold")
                    .setBillingDetails(
                        PaymentMethodUpdateParams.BillingDetails.builder()
                            .setName("Ada Lovelace")
                            .setAddress(
                                PaymentMethodUpdateParams.BillingDetails.Address.builder()
                                    .setPostalCode("94107")
                                    .setCountry("US")
                                    .build())
                            .build())
                    .build());
    assertThat(updated.getMetadata()).containsEntry("tier", "gold");
    assertThat(updated.getBillingDetails().getName()).isEqualTo("Ada Lovelace");
    assertThat(updated.getBillingDetails().getAddress().getPostalCode()).isEqualTo("94107");
    PaymentMethod again = stripe.v1().paymentMethods().retrieve(pm.getId());
    assertThat(again.getMetadata()).containsEntry("tier", "gold");
    assertThat(again.getBillingDetails().getAddress().getCountry()).isEqualTo("US");

    PaymentMethod cleared =
        stripe
            .v1()
            .paymentMethods()
            .update(
                pm.getId(), PaymentMethodUpdateParams.builder().putMetadata("tier", "").build());
    assertThat(cleared.getMetadata()).doesNotContainKey("tier");
    assertThat(cleared.getBillingDetails().getName()).isEqualTo("Ada Lovelace");
  }

  @Test
  void listFiltersByCustomerAndType() throws StripeException {
    Customer alice = Fixtures.customer(stripe, "alice@example.com");
    Customer bob = Fixtures.customer(stripe, "bob@example.com");
    PaymentMethod a1 = Fixtures.attachedCard(stripe, alice.getId(), "tok_visa");
    PaymentMethod a2 = Fixtures.attachedCard(stripe, alice.getId(), "tok_mastercard");
    PaymentMethod b1 = Fixtures.attachedCard(stripe, bob.getId(), "tok_amex");
    PaymentMethod loose = card("tok_visa");

    List<PaymentMethod> alices =
        stripe
            .v1()
            .paymentMethods()
            .list(
                PaymentMethodListParams.builder()
                    .setCustomer(alice.getId())
                    .setType(PaymentMethodListParams.Type.CARD)
                    .build())
            .getData();
    assertThat(alices).extracting(PaymentMethod::getId).containsExactly(a2.getId(), a1.getId());

    List<PaymentMethod> all =
        stripe
            .v1()
            .paymentMethods()
            .list(PaymentMethodListParams.builder().setLimit(100L).build())
            .getData();
    assertThat(all)
        .extracting(PaymentMethod::getId)
        .contains(a1.getId(), a2.getId(), b1.getId(), loose.getId());

    assertThat(methodsOf(bob.getId())).extracting(PaymentMethod::getId).containsExactly(b1.getId());

    assertStripeError(() ->
            stripe
                .v1()
                .paymentMethods()
                .list(PaymentMethodListParams.builder().setCustomer("cus_missing").build()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("customer");
  }

  @Test
  void attachAndDetachAreEvents() throws StripeException {
    Customer customer = Fixtures.customer(stripe, "events@example.com");
    PaymentMethod pm = card("tok_visa");
    PaymentMethod attached = attach(pm.getId(), customer.getId());
    assertThat(attached.getCustomer()).isEqualTo(customer.getId());
    assertThat(stripe.v1().paymentMethods().retrieve(pm.getId()).getCustomer())
        .isEqualTo(customer.getId());

    assertOneEvent("payment_method.attached", pm.getId(), customer.getId());

    PaymentMethod detached = stripe.v1().paymentMethods().detach(pm.getId());
    assertThat(detached.getCustomer()).isNull();
    assertThat(stripe.v1().paymentMethods().retrieve(pm.getId()).getCustomer()).isNull();
    assertOneEvent("payment_method.detached", pm.getId(), null);

    assertStripeError(() -> stripe.v1().paymentMethods().detach(pm.getId()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("payment_method_unexpected_state");
  }

  @Test
  void attachingAgainToTheSameCustomerIsHarmless() throws StripeException {
    Customer customer = Fixtures.customer(stripe, "twice@example.com");
    String pm = card("tok_visa").getId();
    attach(pm, customer.getId());
    assertThat(attach(pm, customer.getId()).getCustomer()).isEqualTo(customer.getId());
    assertThat(Fixtures.events(stripe, "payment_method.attached")).hasSize(1);
  }

  @Test
  void aMethodOnOneCustomerCannotBeAttachedToAnother() throws StripeException {
    Customer first = Fixtures.customer(stripe, "first@example.com");
    Customer second = Fixtures.customer(stripe, "second@example.com");
    PaymentMethod pm = Fixtures.attachedCard(stripe, first.getId(), "tok_visa");
    assertStripeError(() -> attach(pm.getId(), second.getId()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("payment_method_unexpected_state");
    assertThat(stripe.v1().paymentMethods().retrieve(pm.getId()).getCustomer())
        .isEqualTo(first.getId());
  }

  @Test
  void attachingToAnUnknownCustomerIsA404() throws StripeException {
    PaymentMethod pm = card("tok_visa");
    assertStripeError(() -> attach(pm.getId(), "cus_missing"))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing")
        .hasParam("customer");
    assertStripeError(() -> attach("pm_missing", "cus_missing")).isInvalidRequest().hasStatus(404);
  }

  @Test
  void aDetachedMethodCannotPayAnIntent() throws StripeException {
    Customer customer = Fixtures.customer(stripe, "detached@example.com");
    PaymentMethod pm = Fixtures.attachedCard(stripe, customer.getId(), "tok_visa");
    stripe.v1().paymentMethods().detach(pm.getId());

    assertStripeError(() ->
            IntentCalls.create(
                stripe,
                Fixtures.intentParams(1000L)
                    .setCustomer(customer.getId())
                    .setPaymentMethod(pm.getId())
                    .setConfirm(true)))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("payment_method_unexpected_state")
        .hasParam("payment_method");

    PaymentIntent waiting = IntentCalls.create(stripe, Fixtures.intentParams(1000L));
    assertStripeError(() -> IntentCalls.confirmWith(stripe, waiting.getId(), pm.getId()))
        .isInvalidRequest()
        .hasCode("payment_method_unexpected_state");
    assertThat(stripe.v1().paymentIntents().retrieve(waiting.getId()).getStatus())
        .isEqualTo("requires_payment_method");
    // Nor can it be attached again.
    assertStripeError(() -> attach(pm.getId(), customer.getId()))
        .isInvalidRequest()
        .hasCode("payment_method_unexpected_state");
  }

  @Test
  void aTestPaymentMethodIdIsANewMethodEachTime() throws StripeException {
    PaymentMethod first = stripe.v1().paymentMethods().retrieve("pm_card_visa");
    PaymentMethod second = stripe.v1().paymentMethods().retrieve("pm_card_visa");
    assertThat(first.getId()).startsWith("pm_").isNotEqualTo("pm_card_visa");
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(first.getCard().getLast4()).isEqualTo("4242");
    assertThat(first.getCard().getBrand()).isEqualTo("visa");

    Customer customer = Fixtures.customer(stripe, "testpm@example.com");
    PaymentMethod attached = attach("pm_card_visa", customer.getId());
    assertThat(attached.getId()).startsWith("pm_").isNotEqualTo("pm_card_visa");
    assertThat(attached.getCustomer()).isEqualTo(customer.getId());
    assertThat(attached.getCard().getLast4()).isEqualTo("4242");
    assertThat(methodsOf(customer.getId()))
        .extracting(PaymentMethod::getId)
        .containsExactly(attached.getId());
  }

  @Test
  void anotherAccountCannotSeeTheMethod() throws StripeException {
    PaymentMethod pm = card("tok_visa");
    StripeClient other = SERVER.newClient();
    assertStripeError(() -> other.v1().paymentMethods().retrieve(pm.getId()))
        .isInvalidRequest()
        .hasStatus(404);
  }
}
