package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.param.CustomerPaymentMethodListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodAttachParams;
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

  private PaymentMethod card(String token) throws StripeException {
    return stripe
        .v1()
        .paymentMethods()
        .create(
            PaymentMethodCreateParams.builder()
                .setType(PaymentMethodCreateParams.Type.CARD)
                .putExtraParam("card[token]", token)
                .build());
  }

  private PaymentMethod attach(String pm, String customer) throws StripeException {
    return stripe
        .v1()
        .paymentMethods()
        .attach(pm, PaymentMethodAttachParams.builder().setCustomer(customer).build());
  }

  private List<Event> events(String type) throws StripeException {
    return stripe
        .v1()
        .events()
        .list(EventListParams.builder().setType(type).setLimit(100L).build())
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
                PaymentMethodCreateParams.builder()
                    .setType(PaymentMethodCreateParams.Type.CARD)
                    .putExtraParam("card[token]", "tok_visa")
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
    assertStripeError(() ->
            stripe
                .v1()
                .paymentMethods()
                .create(
                    PaymentMethodCreateParams.builder()
                        .setType(PaymentMethodCreateParams.Type.CARD)
                        .setCard(
                            PaymentMethodCreateParams.CardDetails.builder()
                                .setNumber("4242424242424242")
                                .setExpMonth(12L)
                                .setExpYear(2030L)
                                .setCvc("123")
                                .build())
                        .build()))
        // stripe-java makes every 402 a CardException; the body is Stripe's invalid request.
        .isCardError()
        .hasType("invalid_request_error")
        .hasStatus(402)
        .hasMessageStartingWith("Sending credit card numbers directly to the Stripe API");
  }

  @Test
  void aCardWithoutATokenIsAMissingParam() {
    assertStripeError(() ->
            stripe
                .v1()
                .paymentMethods()
                .create(
                    PaymentMethodCreateParams.builder()
                        .setType(PaymentMethodCreateParams.Type.CARD)
                        .build()))
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
    PaymentMethod a1 = attach(card("tok_visa").getId(), alice.getId());
    PaymentMethod a2 = attach(card("tok_mastercard").getId(), alice.getId());
    PaymentMethod b1 = attach(card("tok_amex").getId(), bob.getId());
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

    List<PaymentMethod> bobs =
        stripe
            .v1()
            .paymentMethods()
            .list(PaymentMethodListParams.builder().setCustomer(bob.getId()).build())
            .getData();
    assertThat(bobs).extracting(PaymentMethod::getId).containsExactly(b1.getId());

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

    List<Event> attachedEvents = events("payment_method.attached");
    assertThat(attachedEvents).hasSize(1);
    PaymentMethod inEvent =
        (PaymentMethod) attachedEvents.getFirst().getDataObjectDeserializer().deserializeUnsafe();
    assertThat(inEvent.getId()).isEqualTo(pm.getId());
    assertThat(inEvent.getCustomer()).isEqualTo(customer.getId());

    PaymentMethod detached = stripe.v1().paymentMethods().detach(pm.getId());
    assertThat(detached.getCustomer()).isNull();
    assertThat(stripe.v1().paymentMethods().retrieve(pm.getId()).getCustomer()).isNull();
    List<Event> detachedEvents = events("payment_method.detached");
    assertThat(detachedEvents).hasSize(1);
    PaymentMethod detachedInEvent =
        (PaymentMethod) detachedEvents.getFirst().getDataObjectDeserializer().deserializeUnsafe();
    assertThat(detachedInEvent.getId()).isEqualTo(pm.getId());
    assertThat(detachedInEvent.getCustomer()).isNull();

    assertStripeError(() -> stripe.v1().paymentMethods().detach(pm.getId()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("payment_method_unexpected_state");
  }

  @Test
  void attachingAgainToTheSameCustomerIsHarmless() throws StripeException {
    Customer customer = Fixtures.customer(stripe, "twice@example.com");
    PaymentMethod pm = card("tok_visa");
    attach(pm.getId(), customer.getId());
    assertThat(attach(pm.getId(), customer.getId()).getCustomer()).isEqualTo(customer.getId());
    assertThat(events("payment_method.attached")).hasSize(1);
  }

  @Test
  void aMethodOnOneCustomerCannotBeAttachedToAnother() throws StripeException {
    Customer first = Fixtures.customer(stripe, "first@example.com");
    Customer second = Fixtures.customer(stripe, "second@example.com");
    PaymentMethod pm = attach(card("tok_visa").getId(), first.getId());
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
    PaymentMethod pm = attach(card("tok_visa").getId(), customer.getId());
    stripe.v1().paymentMethods().detach(pm.getId());

    assertStripeError(() ->
            stripe
                .v1()
                .paymentIntents()
                .create(
                    PaymentIntentCreateParams.builder()
                        .setAmount(1000L)
                        .setCurrency("usd")
                        .setCustomer(customer.getId())
                        .setPaymentMethod(pm.getId())
                        .setConfirm(true)
                        .build()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasCode("payment_method_unexpected_state")
        .hasParam("payment_method");

    PaymentIntent waiting =
        stripe
            .v1()
            .paymentIntents()
            .create(
                PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("usd").build());
    assertStripeError(() ->
            stripe
                .v1()
                .paymentIntents()
                .confirm(
                    waiting.getId(),
                    com.stripe.param.PaymentIntentConfirmParams.builder()
                        .setPaymentMethod(pm.getId())
                        .build()))
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
  void aCustomersMethodsAreListedAndRetrievedUnderTheCustomer() throws StripeException {
    Customer alice = Fixtures.customer(stripe, "alice2@example.com");
    Customer bob = Fixtures.customer(stripe, "bob2@example.com");
    PaymentMethod alices = attach(card("tok_visa").getId(), alice.getId());
    PaymentMethod bobs = attach(card("tok_mastercard").getId(), bob.getId());

    var listed =
        stripe
            .v1()
            .customers()
            .paymentMethods()
            .list(
                alice.getId(),
                CustomerPaymentMethodListParams.builder()
                    .setType(CustomerPaymentMethodListParams.Type.CARD)
                    .build());
    assertThat(listed.getData()).extracting(PaymentMethod::getId).containsExactly(alices.getId());
    assertThat(listed.getUrl()).isEqualTo("/v1/customers/" + alice.getId() + "/payment_methods");

    PaymentMethod retrieved =
        stripe.v1().customers().paymentMethods().retrieve(alice.getId(), alices.getId());
    assertThat(retrieved.getId()).isEqualTo(alices.getId());
    assertThat(retrieved.getCustomer()).isEqualTo(alice.getId());

    assertStripeError(
            () -> stripe.v1().customers().paymentMethods().retrieve(alice.getId(), bobs.getId()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing");
    assertStripeError(() ->
            stripe
                .v1()
                .customers()
                .paymentMethods()
                .list("cus_missing", CustomerPaymentMethodListParams.builder().build()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("customer");
  }

  @Test
  void aDefaultPaymentMethodMustBeTheCustomersOwn() throws StripeException {
    Customer customer = Fixtures.customer(stripe, "default@example.com");
    PaymentMethod attached = attach(card("tok_visa").getId(), customer.getId());
    PaymentMethod loose = card("tok_mastercard");

    Customer updated =
        stripe
            .v1()
            .customers()
            .update(
                customer.getId(),
                CustomerUpdateParams.builder()
                    .setInvoiceSettings(
                        CustomerUpdateParams.InvoiceSettings.builder()
                            .setDefaultPaymentMethod(attached.getId())
                            .build())
                    .build());
    assertThat(updated.getInvoiceSettings().getDefaultPaymentMethod()).isEqualTo(attached.getId());
    assertThat(
            stripe
                .v1()
                .customers()
                .retrieve(customer.getId())
                .getInvoiceSettings()
                .getDefaultPaymentMethod())
        .isEqualTo(attached.getId());

    assertStripeError(() ->
            stripe
                .v1()
                .customers()
                .update(
                    customer.getId(),
                    CustomerUpdateParams.builder()
                        .setInvoiceSettings(
                            CustomerUpdateParams.InvoiceSettings.builder()
                                .setDefaultPaymentMethod(loose.getId())
                                .build())
                        .build()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasParam("invoice_settings[default_payment_method]");
    assertThat(
            stripe
                .v1()
                .customers()
                .retrieve(customer.getId())
                .getInvoiceSettings()
                .getDefaultPaymentMethod())
        .isEqualTo(attached.getId());
  }

  @Test
  void detachingTheDefaultMethodUnsetsIt() throws StripeException {
    Customer customer = Fixtures.customer(stripe, "unset@example.com");
    PaymentMethod kept = attach(card("tok_mastercard").getId(), customer.getId());
    PaymentMethod pm = attach(card("tok_visa").getId(), customer.getId());
    stripe
        .v1()
        .customers()
        .update(
            customer.getId(),
            CustomerUpdateParams.builder()
                .setInvoiceSettings(
                    CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(pm.getId())
                        .build())
                .build());

    stripe.v1().paymentMethods().detach(kept.getId());
    assertThat(
            stripe
                .v1()
                .customers()
                .retrieve(customer.getId())
                .getInvoiceSettings()
                .getDefaultPaymentMethod())
        .isEqualTo(pm.getId());

    stripe.v1().paymentMethods().detach(pm.getId());
    assertThat(
            stripe
                .v1()
                .customers()
                .retrieve(customer.getId())
                .getInvoiceSettings()
                .getDefaultPaymentMethod())
        .isNull();
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
    assertThat(
            stripe
                .v1()
                .paymentMethods()
                .list(PaymentMethodListParams.builder().setCustomer(customer.getId()).build())
                .getData())
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
