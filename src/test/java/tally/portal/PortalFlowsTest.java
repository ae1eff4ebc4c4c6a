package tally.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.billingportal.Session;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionCancel.Mode;
import com.stripe.param.billingportal.SessionCreateParams;
import com.stripe.param.billingportal.SessionCreateParams.FlowData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/** Portal sessions deep-linking into one action ({@code flow_data}), and what Stripe refuses. */
class PortalFlowsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Session open(String customer, String configuration, FlowData flow)
      throws StripeException {
    return PortalTest.openSession(
        stripe,
        customer,
        SessionCreateParams.builder().setConfiguration(configuration).setFlowData(flow));
  }

  private static FlowData cancel(String subscription) {
    return FlowData.builder()
        .setType(FlowData.Type.SUBSCRIPTION_CANCEL)
        .setSubscriptionCancel(
            FlowData.SubscriptionCancel.builder().setSubscription(subscription).build())
        .build();
  }

  private static FlowData confirm(String subscription, String item, String price, Long quantity) {
    return FlowData.builder()
        .setType(FlowData.Type.SUBSCRIPTION_UPDATE_CONFIRM)
        .setSubscriptionUpdateConfirm(
            FlowData.SubscriptionUpdateConfirm.builder()
                .setSubscription(subscription)
                .addItem(
                    FlowData.SubscriptionUpdateConfirm.Item.builder()
                        .setId(item)
                        .setPrice(price)
                        .setQuantity(quantity)
                        .build())
                .build())
        .build();
  }

  @Test
  void eachFlowTypeIsEchoedWithItsAfterCompletion() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "flows@example.com");
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    String customer = plans.customer().getId();
    String sub = plans.subscription().getId();

    Session canceling =
        open(
            customer,
            config.getId(),
            FlowData.builder()
                .setType(FlowData.Type.SUBSCRIPTION_CANCEL)
                .setSubscriptionCancel(
                    FlowData.SubscriptionCancel.builder().setSubscription(sub).build())
                .setAfterCompletion(
                    FlowData.AfterCompletion.builder()
                        .setType(FlowData.AfterCompletion.Type.HOSTED_CONFIRMATION)
                        .setHostedConfirmation(
                            FlowData.AfterCompletion.HostedConfirmation.builder()
                                .setCustomMessage("Sorry to see you go")
                                .build())
                        .build())
                .build());
    assertThat(canceling.getFlow().getType()).isEqualTo("subscription_cancel");
    assertThat(canceling.getFlow().getSubscriptionCancel().getSubscription()).isEqualTo(sub);
    assertThat(canceling.getFlow().getSubscriptionCancel().getRetention()).isNull();
    assertThat(canceling.getFlow().getSubscriptionUpdate()).isNull();
    assertThat(canceling.getFlow().getAfterCompletion().getType()).isEqualTo("hosted_confirmation");
    assertThat(canceling.getFlow().getAfterCompletion().getHostedConfirmation().getCustomMessage())
        .isEqualTo("Sorry to see you go");
    assertThat(canceling.getFlow().getAfterCompletion().getRedirect()).isNull();

    Session updating =
        open(
            customer,
            config.getId(),
            FlowData.builder()
                .setType(FlowData.Type.SUBSCRIPTION_UPDATE)
                .setSubscriptionUpdate(
                    FlowData.SubscriptionUpdate.builder().setSubscription(sub).build())
                .setAfterCompletion(
                    FlowData.AfterCompletion.builder()
                        .setType(FlowData.AfterCompletion.Type.REDIRECT)
                        .setRedirect(
                            FlowData.AfterCompletion.Redirect.builder()
                                .setReturnUrl("https://example.com/updated")
                                .build())
                        .build())
                .build());
    assertThat(updating.getFlow().getSubscriptionUpdate().getSubscription()).isEqualTo(sub);
    assertThat(updating.getFlow().getAfterCompletion().getRedirect().getReturnUrl())
        .isEqualTo("https://example.com/updated");

    Session confirming =
        open(customer, config.getId(), confirm(sub, plans.item(), plans.pro().getId(), 2L));
    var proposed = confirming.getFlow().getSubscriptionUpdateConfirm();
    assertThat(proposed.getSubscription()).isEqualTo(sub);
    assertThat(proposed.getItems())
        .singleElement()
        .satisfies(i -> {
          assertThat(i.getId()).isEqualTo(plans.item());
          assertThat(i.getPrice()).isEqualTo(plans.pro().getId());
          assertThat(i.getQuantity()).isEqualTo(2L);
        });
    assertThat(confirming.getFlow().getAfterCompletion().getType()).isEqualTo("portal_homepage");

    Session card =
        open(
            customer,
            config.getId(),
            FlowData.builder().setType(FlowData.Type.PAYMENT_METHOD_UPDATE).build());
    assertThat(card.getFlow().getType()).isEqualTo("payment_method_update");
    assertThat(card.getFlow().getSubscriptionCancel()).isNull();
  }

  @Test
  void aFlowOnSomeoneElsesOrAMissingSubscriptionIsRefused() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "owner@example.com");
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    String stranger = Fixtures.customer(stripe, "stranger@example.com").getId();
    assertStripeError(() -> open(stranger, config.getId(), cancel(plans.subscription().getId())))
        .isInvalidRequest()
        .hasStatus(400)
        .hasParam("flow_data[subscription_cancel][subscription]")
        .hasMessageContaining("does not belong to the customer");
    assertStripeError(() -> open(stranger, config.getId(), cancel("sub_missing")))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("flow_data[subscription_cancel][subscription]")
        .hasMessage("No such subscription: 'sub_missing'");
    assertStripeError(() ->
            open(
                stranger,
                config.getId(),
                FlowData.builder().setType(FlowData.Type.SUBSCRIPTION_CANCEL).build()))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_cancel]");
  }

  @Test
  void canceledOrAlreadyCancelingSubscriptionsCannotBeCanceledAgain() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "twice@example.com");
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    String customer = plans.customer().getId();
    String sub = plans.subscription().getId();
    stripe
        .v1()
        .subscriptions()
        .update(sub, SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
    assertStripeError(() -> open(customer, config.getId(), cancel(sub)))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_cancel][subscription]")
        .hasMessage("The subscription " + sub + " is already set to be canceled at period end.");
    stripe.v1().subscriptions().cancel(sub);
    assertStripeError(() -> open(customer, config.getId(), cancel(sub)))
        .isInvalidRequest()
        .hasMessage("The subscription " + sub + " has already been canceled.");
  }

  @Test
  void aDisabledFeatureRefusesItsFlow() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "disabled@example.com");
    Configuration none =
        stripe
            .v1()
            .billingPortal()
            .configurations()
            .create(plans.config(Mode.IMMEDIATELY, false, false));
    String customer = plans.customer().getId();
    String sub = plans.subscription().getId();
    assertStripeError(() -> open(customer, none.getId(), cancel(sub)))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_cancel][subscription]")
        .hasMessage(
            "This subscription cannot be canceled because the subscription cancel feature in the"
                + " portal configuration is disabled.");
    assertStripeError(() ->
            open(
                customer,
                none.getId(),
                FlowData.builder()
                    .setType(FlowData.Type.SUBSCRIPTION_UPDATE)
                    .setSubscriptionUpdate(
                        FlowData.SubscriptionUpdate.builder().setSubscription(sub).build())
                    .build()))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_update][subscription]")
        .hasMessage(
            "This subscription cannot be updated because the subscription update feature in the"
                + " portal configuration is disabled.");
    assertStripeError(() ->
            open(customer, none.getId(), confirm(sub, plans.item(), plans.pro().getId(), null)))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_update_confirm][subscription]");
    // The default configuration has no subscription features either.
    assertStripeError(() ->
            PortalTest.openSession(
                stripe, customer, SessionCreateParams.builder().setFlowData(cancel(sub))))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_cancel][subscription]");
  }

  @Test
  void anUpdateToConfirmMustChangeSomethingTheConfigurationAllows() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "confirm@example.com");
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    String customer = plans.customer().getId();
    String sub = plans.subscription().getId();
    assertStripeError(() ->
            open(customer, config.getId(), confirm(sub, plans.item(), plans.basic().getId(), 1L)))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_update_confirm][items]")
        .hasMessage("Cannot update the subscription because there are no changes to confirm.");
    var elsewhere = stripe.v1().prices().create(Fixtures.priceParams(500, "Not offered").build());
    assertStripeError(() ->
            open(customer, config.getId(), confirm(sub, plans.item(), elsewhere.getId(), null)))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_update_confirm][items][0][price]");
    assertStripeError(() ->
            open(customer, config.getId(), confirm(sub, "si_unknown", plans.pro().getId(), null)))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_update_confirm][items][0][id]");
    assertStripeError(() ->
            open(
                customer,
                config.getId(),
                FlowData.builder()
                    .setType(FlowData.Type.SUBSCRIPTION_UPDATE_CONFIRM)
                    .setSubscriptionUpdateConfirm(
                        FlowData.SubscriptionUpdateConfirm.builder()
                            .setSubscription(sub)
                            .addItem(
                                FlowData.SubscriptionUpdateConfirm.Item.builder()
                                    .setId(plans.item())
                                    .setPrice(plans.pro().getId())
                                    .build())
                            .addDiscount(
                                FlowData.SubscriptionUpdateConfirm.Discount.builder()
                                    .setCoupon("SAVE10")
                                    .build())
                            .build())
                    .build()))
        .isInvalidRequest()
        .hasParam("flow_data[subscription_update_confirm][discounts]");
  }

  @Test
  void aRedirectNeedsItsReturnUrl() {
    assertStripeError(() ->
            PortalTest.openSession(
                stripe,
                Fixtures.customer(stripe, "r@example.com").getId(),
                SessionCreateParams.builder()
                    .setFlowData(
                        FlowData.builder()
                            .setType(FlowData.Type.PAYMENT_METHOD_UPDATE)
                            .setAfterCompletion(
                                FlowData.AfterCompletion.builder()
                                    .setType(FlowData.AfterCompletion.Type.REDIRECT)
                                    .build())
                            .build())))
        .isInvalidRequest()
        .hasParam("flow_data[after_completion][redirect]");
  }

  @Test
  void aConfigurationOffersOnlyRecurringPricesOfTheirProduct() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "offers@example.com");
    var oneTime = stripe.v1().prices().create(Fixtures.priceParams(700, "Elsewhere").build());
    var features =
        com.stripe.param.billingportal.ConfigurationCreateParams.Features.builder()
            .setSubscriptionUpdate(
                com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionUpdate
                    .builder()
                    .setEnabled(true)
                    .addProduct(
                        com.stripe.param.billingportal.ConfigurationCreateParams.Features
                            .SubscriptionUpdate.Product.builder()
                            .setProduct(plans.product().getId())
                            .addPrice(plans.basic().getId())
                            .addPrice(oneTime.getId())
                            .build())
                    .build())
            .build();
    assertStripeError(() ->
            stripe
                .v1()
                .billingPortal()
                .configurations()
                .create(
                    com.stripe.param.billingportal.ConfigurationCreateParams.builder()
                        .setFeatures(features)
                        .build()))
        .isInvalidRequest()
        .hasParam("features[subscription_update][products][0][prices][1]")
        .hasMessageContaining("does not belong to the product");
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    var offered = config.getFeatures().getSubscriptionUpdate();
    assertThat(offered.getProducts())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.getProduct()).isEqualTo(plans.product().getId());
          assertThat(p.getPrices()).containsExactly(plans.basic().getId(), plans.pro().getId());
          assertThat(p.getAdjustableQuantity().getEnabled()).isFalse();
        });
    assertThat(offered.getDefaultAllowedUpdates()).containsExactly("price", "quantity");
    assertThat(offered.getProrationBehavior()).isEqualTo("always_invoice");
    assertThat(config.getFeatures().getSubscriptionCancel().getCancellationReason().getOptions())
        .containsExactly("too_expensive", "unused");
  }
}
