package tally.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.attachedCard;
import static tally.testing.Fixtures.card;
import static tally.testing.Fixtures.customer;
import static tally.testing.Fixtures.defaultPaymentMethodOf;
import static tally.testing.Fixtures.setDefaultPaymentMethod;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentMethod;
import com.stripe.param.CustomerPaymentMethodListParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** A customer's own PaymentMethods: listed under the customer, and its default one. */
class CustomerPaymentMethodsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  @Test
  void aCustomersMethodsAreListedAndRetrievedUnderTheCustomer() throws StripeException {
    Customer alice = customer(stripe, "alice2@example.com");
    Customer bob = customer(stripe, "bob2@example.com");
    PaymentMethod alices = attachedCard(stripe, alice.getId(), "tok_visa");
    PaymentMethod bobs = attachedCard(stripe, bob.getId(), "tok_mastercard");

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
    Customer customer = customer(stripe, "default@example.com");
    PaymentMethod attached = attachedCard(stripe, customer.getId(), "tok_visa");
    PaymentMethod loose = card(stripe, "tok_mastercard");

    Customer updated = setDefaultPaymentMethod(stripe, customer.getId(), attached.getId());
    assertThat(updated.getInvoiceSettings().getDefaultPaymentMethod()).isEqualTo(attached.getId());
    assertThat(defaultPaymentMethodOf(stripe, customer.getId())).isEqualTo(attached.getId());

    assertStripeError(() -> setDefaultPaymentMethod(stripe, customer.getId(), loose.getId()))
        .isInvalidRequest()
        .hasStatus(400)
        .hasParam("invoice_settings[default_payment_method]");
    assertThat(defaultPaymentMethodOf(stripe, customer.getId())).isEqualTo(attached.getId());
  }

  @Test
  void detachingTheDefaultMethodUnsetsIt() throws StripeException {
    Customer customer = customer(stripe, "unset@example.com");
    PaymentMethod kept = attachedCard(stripe, customer.getId(), "tok_mastercard");
    PaymentMethod pm = attachedCard(stripe, customer.getId(), "tok_visa");
    setDefaultPaymentMethod(stripe, customer.getId(), pm.getId());

    stripe.v1().paymentMethods().detach(kept.getId());
    assertThat(defaultPaymentMethodOf(stripe, customer.getId())).isEqualTo(pm.getId());

    stripe.v1().paymentMethods().detach(pm.getId());
    assertThat(defaultPaymentMethodOf(stripe, customer.getId())).isNull();
  }
}
