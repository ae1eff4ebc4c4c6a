package tally.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
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
    var defaults =
        stripe
            .v1()
            .billingPortal()
            .configurations()
            .list(ConfigurationListParams.builder().setIsDefault(true).build())
            .getData();
    assertThat(defaults).singleElement().satisfies(d -> assertThat(d.getIsDefault()).isTrue());
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billingPortal()
                .configurations()
                .update(
                    defaults.getFirst().getId(),
                    ConfigurationUpdateParams.builder().setActive(false).build()))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billingPortal()
                .configurations()
                .create(ConfigurationCreateParams.builder().build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("features"));
  }

  @Test
  void sessionsPointAtTheHostedPortal() throws StripeException {
    Customer customer =
        stripe
            .v1()
            .customers()
            .create(CustomerCreateParams.builder().setEmail("p@example.com").build());
    Session s =
        stripe
            .v1()
            .billingPortal()
            .sessions()
            .create(
                SessionCreateParams.builder()
                    .setCustomer(customer.getId())
                    .setReturnUrl("https://example.com/back")
                    .build());
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
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billingPortal()
                .sessions()
                .create(SessionCreateParams.builder().setCustomer("cus_nope").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getParam()).isEqualTo("customer");
            });
    Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
    Configuration c = stripe.v1().billingPortal().configurations().create(config());
    stripe
        .v1()
        .billingPortal()
        .configurations()
        .update(c.getId(), ConfigurationUpdateParams.builder().setActive(false).build());
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billingPortal()
                .sessions()
                .create(
                    SessionCreateParams.builder()
                        .setCustomer(customer.getId())
                        .setConfiguration(c.getId())
                        .build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.getParam()).isEqualTo("configuration"));
    assertThatThrownBy(() ->
            stripe
                .v1()
                .billingPortal()
                .sessions()
                .create(
                    SessionCreateParams.builder()
                        .setCustomer(customer.getId())
                        .setFlowData(
                            SessionCreateParams.FlowData.builder()
                                .setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_CANCEL)
                                .setSubscriptionCancel(
                                    SessionCreateParams.FlowData.SubscriptionCancel.builder()
                                        .setSubscription("sub_1")
                                        .build())
                                .build())
                        .build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.getParam()).isEqualTo("flow_data[type]"));
    var unknown = SERVER.raw("GET", "/p/session/test_nothing", null, null, java.util.Map.of());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("not valid");
  }
}
