package tally.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
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
    assertThatThrownBy(() -> stripe.v1().customers().delete(c.getId()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .create(
                    ChargeCreateParams.builder()
                        .setAmount(1000L)
                        .setCurrency("usd")
                        .setCustomer(c.getId())
                        .build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("No such customer: '" + c.getId() + "'");
            });
  }

  @Test
  void listFiltersByEmailAndHidesDeletedCustomers() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    Customer a =
        fresh
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setEmail("a@example.com").build());
    Customer b =
        fresh
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setEmail("b@example.com").build());
    Customer gone =
        fresh
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setEmail("a@example.com").build());
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
    Charge charge =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(2000L)
                    .setCurrency("usd")
                    .setCustomer(c.getId())
                    .build());
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
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .create(
                    ChargeCreateParams.builder()
                        .setAmount(2000L)
                        .setCurrency("usd")
                        .setCustomer(c.getId())
                        .build()))
        .isInstanceOfSatisfying(
            CardException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("missing");
              assertThat(e.getParam()).isEqualTo("card");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("Cannot charge a customer that has no active card");
            });
  }

  @Test
  void aCardOfAnotherCustomerIsRefused() throws StripeException {
    Customer a = customer("tok_visa");
    Customer b = customer("tok_visa");
    assertThatThrownBy(() ->
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
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("missing");
              assertThat(e.getParam()).isEqualTo("source");
            });
  }

  @Test
  void declineOnlyCardsCannotBeAttachedButCustomerFailCardsCan() throws StripeException {
    assertThatThrownBy(() -> customer("tok_chargeDeclined")).isInstanceOf(CardException.class);
    Customer c = customer("tok_chargeCustomerFail");
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .create(
                    ChargeCreateParams.builder()
                        .setAmount(2000L)
                        .setCurrency("usd")
                        .setCustomer(c.getId())
                        .build()))
        .isInstanceOfSatisfying(
            CardException.class, e -> assertThat(e.getDeclineCode()).isEqualTo("generic_decline"));
  }

  @Test
  void aChargeWithoutACustomerCanBeGivenOneOnce() throws StripeException {
    Customer c = customer(null);
    Charge charge =
        stripe
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(2000L)
                    .setCurrency("usd")
                    .setSource("tok_visa")
                    .build());
    Charge updated =
        stripe
            .v1()
            .charges()
            .update(charge.getId(), ChargeUpdateParams.builder().setCustomer(c.getId()).build());
    assertThat(updated.getCustomer()).isEqualTo(c.getId());
    Customer other = customer(null);
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .update(
                    charge.getId(),
                    ChargeUpdateParams.builder().setCustomer(other.getId()).build()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void invalidFieldsAreRefused() {
    assertThatThrownBy(() ->
            stripe
                .v1()
                .customers()
                .create(CustomerCreateParams.builder().setPhone("1".repeat(21)).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("phone"));
    assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_nope"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.getStripeError().getMessage())
                    .isEqualTo("No such customer: 'cus_nope'"));
    assertThatThrownBy(() ->
            stripe.v1().charges().list(ChargeListParams.builder().setCustomer("cus_nope").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }
}
