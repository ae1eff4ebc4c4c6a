package tally.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.charge;
import static tally.testing.Fixtures.chargeCustomer;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeListParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.ChargeUpdateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerUpdateParams;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class CustomersTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Customer customer(String source) throws StripeException {
    var b =
        CustomerCreateParams.builder()
            .setEmail("jenny@example.com")
            .setName("Jenny Rosen")
            .putMetadata("tier", "gold");
    if (source != null) {
      b.setSource(source);
    }
    return stripe.v1().customers().create(b.build());
  }

  @Test
  void theDefaultPaymentMethodExpandsInsideInvoiceSettings() throws StripeException {
    Customer c = customer(null);
    var card = tally.testing.Fixtures.defaultCard(stripe, c.getId(), "tok_visa");

    Customer expanded =
        stripe
            .v1()
            .customers()
            .retrieve(
                c.getId(),
                com.stripe.param.CustomerRetrieveParams.builder()
                    .addExpand("invoice_settings.default_payment_method")
                    .build());

    var invoiceSettings = expanded.getInvoiceSettings();
    assertThat(invoiceSettings.getDefaultPaymentMethod()).isEqualTo(card.getId());
    assertThat(invoiceSettings.getDefaultPaymentMethodObject().getCard().getLast4())
        .isEqualTo("4242");
  }

  @Test
  void createRetrieveUpdateAndDelete() throws StripeException {
    Customer c = customer(null);
    assertThat(c.getId()).startsWith("cus_");
    assertThat(c.getEmail()).isEqualTo("jenny@example.com");
    assertThat(c.getBalance()).isZero();
    assertThat(c.getDefaultSource()).isNull();
    assertThat(c.getInvoicePrefix()).hasSize(8);
    assertThat(stripe.v1().customers().retrieve(c.getId()).toJson()).isEqualTo(c.toJson());
    Customer u =
        stripe
            .v1()
            .customers()
            .update(
                c.getId(),
                CustomerUpdateParams.builder()
                    .setName("J. Rosen")
                    .putMetadata("tier", "")
                    .putMetadata("since", "2026")
                    .setAddress(
                        CustomerUpdateParams.Address.builder()
                            .setCity("Berlin")
                            .setCountry("DE")
                            .build())
                    .build());
    assertThat(u.getName()).isEqualTo("J. Rosen");
    assertThat(u.getEmail()).isEqualTo("jenny@example.com");
    assertThat(u.getMetadata()).isEqualTo(Map.of("since", "2026"));
    assertThat(u.getAddress().getCity()).isEqualTo("Berlin");
    Customer deleted = stripe.v1().customers().delete(c.getId());
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(deleted.getLastResponse().body()).doesNotContain("email");
    assertThat(stripe.v1().customers().retrieve(c.getId()).getDeleted()).isTrue();
    assertStripeError(() -> stripe.v1().customers().delete(c.getId()))
        .isInvalidRequest()
        .hasStatus(404);
    assertStripeError(() -> chargeCustomer(stripe, c.getId(), 1000))
        .isInvalidRequest()
        .hasStatus(404)
        .hasMessage("No such customer: '" + c.getId() + "'");
  }

  @Test
  void listFiltersByEmailAndHidesDeletedCustomers() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    Customer a = Fixtures.customer(fresh, "a@example.com");
    Customer b = Fixtures.customer(fresh, "b@example.com");
    Customer gone = Fixtures.customer(fresh, "a@example.com");
    fresh.v1().customers().delete(gone.getId());
    assertThat(fresh.v1().customers().list().getData())
        .extracting(Customer::getId)
        .containsExactly(b.getId(), a.getId());
    assertThat(
            fresh
                .v1()
                .customers()
                .list(CustomerListParams.builder().setEmail("a@example.com").build())
                .getData())
        .extracting(Customer::getId)
        .containsExactly(a.getId());
  }

  @Test
  void aChargeWithOnlyACustomerUsesItsDefaultCard() throws StripeException {
    Customer c = customer("tok_mastercard");
    assertThat(c.getDefaultSource()).startsWith("card_");
    Charge charge = chargeCustomer(stripe, c.getId(), 2000);
    assertThat(charge.getCustomer()).isEqualTo(c.getId());
    assertThat(charge.getPaymentMethod()).isEqualTo(c.getDefaultSource());
    assertThat(charge.getPaymentMethodDetails().getCard().getBrand()).isEqualTo("mastercard");
    Charge expanded =
        stripe
            .v1()
            .charges()
            .retrieve(charge.getId(), ChargeRetrieveParams.builder().addExpand("customer").build());
    assertThat(expanded.getCustomerObject().getEmail()).isEqualTo("jenny@example.com");
    Customer withCard =
        stripe
            .v1()
            .customers()
            .retrieve(
                c.getId(), CustomerRetrieveParams.builder().addExpand("default_source").build());
    assertThat(withCard.getDefaultSourceObject()).isNotNull();
    assertThat(
            stripe
                .v1()
                .charges()
                .list(ChargeListParams.builder().setCustomer(c.getId()).build())
                .getData())
        .extracting(Charge::getId)
        .containsExactly(charge.getId());
  }

  @Test
  void aCustomerWithoutACardCannotBeCharged() throws StripeException {
    Customer c = customer(null);
    assertStripeError(() -> chargeCustomer(stripe, c.getId(), 2000))
        .isCardError()
        .hasCode("missing")
        .hasParam("card")
        .hasMessage("Cannot charge a customer that has no active card");
  }

  @Test
  void aCardOfAnotherCustomerIsRefused() throws StripeException {
    Customer a = customer("tok_visa");
    Customer b = customer("tok_visa");
    assertStripeError(() ->
            stripe
                .v1()
                .charges()
                .create(
                    ChargeCreateParams.builder()
                        .setAmount(2000L)
                        .setCurrency("usd")
                        .setCustomer(a.getId())
                        .setSource(b.getDefaultSource())
                        .build()))
        .isInvalidRequest()
        .hasCode("missing")
        .hasParam("source");
  }

  @Test
  void declineOnlyCardsCannotBeAttachedButCustomerFailCardsCan() throws StripeException {
    assertStripeError(() -> customer("tok_chargeDeclined")).isCardError();
    Customer c = customer("tok_chargeCustomerFail");
    assertStripeError(() -> chargeCustomer(stripe, c.getId(), 2000))
        .isCardError()
        .hasDeclineCode("generic_decline");
  }

  @Test
  void aChargeWithoutACustomerCanBeGivenOneOnce() throws StripeException {
    Customer c = customer(null);
    Charge charge = charge(stripe, "tok_visa", 2000);
    Charge updated =
        stripe
            .v1()
            .charges()
            .update(charge.getId(), ChargeUpdateParams.builder().setCustomer(c.getId()).build());
    assertThat(updated.getCustomer()).isEqualTo(c.getId());
    Customer other = customer(null);
    assertStripeError(() ->
            stripe
                .v1()
                .charges()
                .update(
                    charge.getId(),
                    ChargeUpdateParams.builder().setCustomer(other.getId()).build()))
        .isInvalidRequest();
  }

  @Test
  void invalidFieldsAreRefused() {
    assertStripeError(() ->
            stripe
                .v1()
                .customers()
                .create(CustomerCreateParams.builder().setPhone("1".repeat(21)).build()))
        .isInvalidRequest()
        .hasParam("phone");
    assertStripeError(() -> stripe.v1().customers().retrieve("cus_nope"))
        .isInvalidRequest()
        .hasMessage("No such customer: 'cus_nope'");
    assertStripeError(() ->
            stripe.v1().charges().list(ChargeListParams.builder().setCustomer("cus_nope").build()))
        .isInvalidRequest()
        .hasStatus(404);
  }
}
