package tally.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.billingportal.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationListParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import com.stripe.param.billingportal.SessionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

class PortalTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  static ConfigurationCreateParams config() {
    return ConfigurationCreateParams.builder()
        .setBusinessProfile(
            ConfigurationCreateParams.BusinessProfile.builder().setHeadline("Acme billing").build())
        .setDefaultReturnUrl("https://example.com/account")
        .setFeatures(
            ConfigurationCreateParams.Features.builder()
                .setCustomerUpdate(
                    ConfigurationCreateParams.Features.CustomerUpdate.builder()
                        .setEnabled(true)
                        .addAllowedUpdate(
                            ConfigurationCreateParams.Features.CustomerUpdate.AllowedUpdate.EMAIL)
                        .build())
                .setInvoiceHistory(
                    ConfigurationCreateParams.Features.InvoiceHistory.builder()
                        .setEnabled(true)
                        .build())
                .setPaymentMethodUpdate(
                    ConfigurationCreateParams.Features.PaymentMethodUpdate.builder()
                        .setEnabled(true)
                        .build())
                .build())
        .putMetadata("team", "billing")
        .build();
  }

  /** Opens a portal session for {@code customer}, with whatever else {@code params} carries. */
  static Session openSession(
      StripeClient stripe, String customer, SessionCreateParams.Builder params)
      throws StripeException {
    return stripe.v1().billingPortal().sessions().create(params.setCustomer(customer).build());
  }

  @Test
  void configurationsCreateUpdateAndList() throws StripeException {
    Configuration c = stripe.v1().billingPortal().configurations().create(config());
    assertThat(c.getId()).startsWith("bpc_");
    assertThat(c.getActive()).isTrue();
    assertThat(c.getIsDefault()).isFalse();
    assertThat(c.getBusinessProfile().getHeadline()).isEqualTo("Acme billing");
    assertThat(c.getFeatures().getCustomerUpdate().getAllowedUpdates()).containsExactly("email");
    assertThat(c.getFeatures().getSubscriptionCancel().getEnabled()).isFalse();
    Configuration off =
        stripe
            .v1()
            .billingPortal()
            .configurations()
            .update(c.getId(), ConfigurationUpdateParams.builder().setActive(false).build());
    assertThat(off.getActive()).isFalse();
    assertThat(stripe.v1().billingPortal().configurations().retrieve(c.getId()).getActive())
        .isFalse();
    // An update changes only the fields it sends, also inside a feature.
    Configuration partly =
        stripe
            .v1()
            .billingPortal()
            .configurations()
            .update(
                c.getId(),
                ConfigurationUpdateParams.builder()
                    .setFeatures(
                        ConfigurationUpdateParams.Features.builder()
                            .setCustomerUpdate(
                                ConfigurationUpdateParams.Features.CustomerUpdate.builder()
                                    .setEnabled(false)
                                    .build())
                            .build())
                    .build());
    assertThat(partly.getFeatures().getCustomerUpdate().getEnabled()).isFalse();
    assertThat(partly.getFeatures().getCustomerUpdate().getAllowedUpdates())
        .containsExactly("email");
    assertThat(partly.getFeatures().getInvoiceHistory().getEnabled()).isTrue();
    var defaults =
        stripe
            .v1()
            .billingPortal()
            .configurations()
            .list(ConfigurationListParams.builder().setIsDefault(true).build())
            .getData();
    assertThat(defaults).singleElement().satisfies(d -> assertThat(d.getIsDefault()).isTrue());
    assertStripeError(() ->
            stripe
                .v1()
                .billingPortal()
                .configurations()
                .update(
                    defaults.getFirst().getId(),
                    ConfigurationUpdateParams.builder().setActive(false).build()))
        .isInvalidRequest();
    assertStripeError(() ->
            stripe
                .v1()
                .billingPortal()
                .configurations()
                .create(ConfigurationCreateParams.builder().build()))
        .isInvalidRequest()
        .hasParam("features");
  }

  @Test
  void sessionsPointAtTheHostedPortal() throws StripeException {
    Customer customer = Fixtures.customer(stripe, "p@example.com");
    Session s =
        openSession(
            stripe,
            customer.getId(),
            SessionCreateParams.builder().setReturnUrl("https://example.com/back"));
    assertThat(s.getId()).startsWith("bps_");
    assertThat(s.getUrl()).startsWith(SERVER.baseUrl() + "/p/session/test_");
    assertThat(s.getReturnUrl()).isEqualTo("https://example.com/back");
    assertThat(s.getConfiguration()).startsWith("bpc_");
    var page =
        SERVER.raw(
            "GET", s.getUrl().substring(SERVER.baseUrl().length()), null, null, java.util.Map.of());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("p@example.com");
  }

  @Test
  void sessionErrors() throws StripeException {
    assertStripeError(() -> openSession(stripe, "cus_nope", SessionCreateParams.builder()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("customer");
    Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
    Configuration c = stripe.v1().billingPortal().configurations().create(config());
    stripe
        .v1()
        .billingPortal()
        .configurations()
        .update(c.getId(), ConfigurationUpdateParams.builder().setActive(false).build());
    assertStripeError(() ->
            openSession(
                stripe,
                customer.getId(),
                SessionCreateParams.builder().setConfiguration(c.getId())))
        .isInvalidRequest()
        .hasParam("configuration");
    assertStripeError(() ->
            openSession(
                stripe,
                customer.getId(),
                SessionCreateParams.builder()
                    .setFlowData(
                        SessionCreateParams.FlowData.builder()
                            .setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_CANCEL)
                            .setSubscriptionCancel(
                                SessionCreateParams.FlowData.SubscriptionCancel.builder()
                                    .setSubscription("sub_1")
                                    .build())
                            .build())))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("flow_data[subscription_cancel][subscription]");
    var unknown = SERVER.raw("GET", "/p/session/test_nothing", null, null, java.util.Map.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("not valid");
  }
}
