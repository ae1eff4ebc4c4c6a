package tally.portal;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.billingportal.Configuration;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features;
import tally.testing.Fixtures;

/** A product with two monthly plans, a customer subscribed to the first, and a portal for them. */
record PortalPlans(
    Product product, Price basic, Price pro, Customer customer, Subscription subscription) {

  static PortalPlans subscribe(StripeClient stripe, String email) throws StripeException {
    Product product =
        stripe.v1().products().create(ProductCreateParams.builder().setName("Acme").build());
    Price basic = monthly(stripe, product, 1_000, "Basic");
    Price pro = monthly(stripe, product, 3_000, "Pro");
    Customer customer = Fixtures.customer(stripe, email);
    Fixtures.defaultCard(stripe, customer.getId(), "tok_visa");
    Subscription subscription =
        stripe
            .v1()
            .subscriptions()
            .create(
                SubscriptionCreateParams.builder()
                    .setCustomer(customer.getId())
                    .addItem(
                        SubscriptionCreateParams.Item.builder().setPrice(basic.getId()).build())
                    .build());
    return new PortalPlans(product, basic, pro, customer, subscription);
  }

  private static Price monthly(StripeClient stripe, Product product, long amount, String nickname)
      throws StripeException {
    return stripe
        .v1()
        .prices()
        .create(
            PriceCreateParams.builder()
                .setCurrency("usd")
                .setUnitAmount(amount)
                .setNickname(nickname)
                .setProduct(product.getId())
                .setRecurring(
                    PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .build())
                .build());
  }

  String item() {
    return subscription.getItems().getData().getFirst().getId();
  }

  /** A portal that cancels ({@code mode}) and switches between the two plans and quantities. */
  Configuration portal(StripeClient stripe, Features.SubscriptionCancel.Mode mode)
      throws StripeException {
    return stripe.v1().billingPortal().configurations().create(config(mode, true, true));
  }

  ConfigurationCreateParams config(
      Features.SubscriptionCancel.Mode mode, boolean cancel, boolean update) {
    return ConfigurationCreateParams.builder()
        .setBusinessProfile(
            ConfigurationCreateParams.BusinessProfile.builder().setHeadline("Acme billing").build())
        .setFeatures(
            Features.builder()
                .setInvoiceHistory(Features.InvoiceHistory.builder().setEnabled(true).build())
                .setPaymentMethodUpdate(
                    Features.PaymentMethodUpdate.builder().setEnabled(true).build())
                .setSubscriptionCancel(
                    Features.SubscriptionCancel.builder()
                        .setEnabled(cancel)
                        .setMode(mode)
                        .setProrationBehavior(
                            Features.SubscriptionCancel.ProrationBehavior.CREATE_PRORATIONS)
                        .setCancellationReason(
                            Features.SubscriptionCancel.CancellationReason.builder()
                                .setEnabled(true)
                                .addOption(
                                    Features.SubscriptionCancel.CancellationReason.Option
                                        .TOO_EXPENSIVE)
                                .addOption(
                                    Features.SubscriptionCancel.CancellationReason.Option.UNUSED)
                                .build())
                        .build())
                .setSubscriptionUpdate(
                    Features.SubscriptionUpdate.builder()
                        .setEnabled(update)
                        .addDefaultAllowedUpdate(
                            Features.SubscriptionUpdate.DefaultAllowedUpdate.PRICE)
                        .addDefaultAllowedUpdate(
                            Features.SubscriptionUpdate.DefaultAllowedUpdate.QUANTITY)
                        .setProrationBehavior(
                            Features.SubscriptionUpdate.ProrationBehavior.ALWAYS_INVOICE)
                        .addProduct(
                            Features.SubscriptionUpdate.Product.builder()
                                .setProduct(product.getId())
                                .addPrice(basic.getId())
                                .addPrice(pro.getId())
                                .build())
                        .build())
                .build())
        .build();
  }
}
