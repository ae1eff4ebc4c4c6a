package tally.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Browser.waitFor;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.billingportal.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionCancel.Mode;
import com.stripe.param.billingportal.SessionCreateParams;
import com.stripe.param.billingportal.SessionCreateParams.FlowData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tally.testing.Browser;
import tally.testing.TallyServer;

/**
 * A customer manages their subscription in the hosted portal in Chromium; the API then shows the
 * subscription, customer, invoices and events changed as Stripe's portal leaves them.
 */
class PortalSubscriptionsBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();
  private WebDriver browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.open();
  }

  @AfterEach
  void closeBrowser() {
    browser.quit();
  }

  private Session session(PortalPlans plans, Configuration config, FlowData flow)
      throws StripeException {
    SessionCreateParams.Builder params =
        SessionCreateParams.builder()
            .setConfiguration(config.getId())
            .setReturnUrl(SERVER.baseUrl() + "/healthz");
    if (flow != null) {
      params.setFlowData(flow);
    }
    return PortalTest.openSession(stripe, plans.customer().getId(), params);
  }

  private List<Event> events(String type, String objectId) throws StripeException {
    return stripe
        .v1()
        .events()
        .list(EventListParams.builder().setType(type).build())
        .getData()
        .stream()
        .filter(e -> e.getDataObjectDeserializer().getRawJson().contains(objectId))
        .toList();
  }

  @Test
  void cancelingAtPeriodEndRecordsTheReasonAndComment() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "leaving@example.com");
    Session session = session(plans, plans.portal(stripe, Mode.AT_PERIOD_END), null);
    String sub = plans.subscription().getId();
    browser.get(session.getUrl());
    assertThat(browser.findElement(By.id("sub-" + sub)).getText())
        .contains("Basic")
        .contains("$10.00 / month");
    new Select(browser.findElement(By.id("feedback-" + sub))).selectByValue("too_expensive");
    browser.findElement(By.id("comment-" + sub)).sendKeys("Found a cheaper plan");
    browser.findElement(By.id("cancel-submit-" + sub)).click();
    waitFor(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("cancels-" + sub), "Cancels on"));
    assertThat(browser.findElements(By.id("cancel-" + sub))).isEmpty();

    Subscription after = stripe.v1().subscriptions().retrieve(sub);
    assertThat(after.getStatus()).isEqualTo("active");
    assertThat(after.getCancelAtPeriodEnd()).isTrue();
    assertThat(after.getCanceledAt()).isNotNull();
    assertThat(after.getCancellationDetails().getReason()).isEqualTo("cancellation_requested");
    assertThat(after.getCancellationDetails().getFeedback()).isEqualTo("too_expensive");
    assertThat(after.getCancellationDetails().getComment()).isEqualTo("Found a cheaper plan");
    assertThat(events("customer.subscription.updated", sub)).isNotEmpty();
  }

  @Test
  void switchingPlansInvoicesTheProrationAtOnce() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "upgrade@example.com");
    Session session = session(plans, plans.portal(stripe, Mode.AT_PERIOD_END), null);
    String sub = plans.subscription().getId();
    browser.get(session.getUrl());
    Select plan = new Select(browser.findElement(By.id("price-" + sub)));
    // The proration preview: nearly a month of $30 less the unused $10, invoiced at once.
    assertThat(plan.getOptions().get(1).getText())
        .matches("Pro · \\$30\\.00 / month \\(\\$(19|20)\\.\\d\\d charged now\\)");
    plan.selectByValue(plans.pro().getId());
    browser.findElement(By.id("quantity-" + sub)).clear();
    browser.findElement(By.id("quantity-" + sub)).sendKeys("2");
    browser.findElement(By.id("update-submit-" + sub)).click();
    waitFor(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("sub-" + sub), "Pro"));
    assertThat(browser.findElement(By.id("quantity-now-" + sub)).getText()).isEqualTo("2");

    Subscription after = stripe.v1().subscriptions().retrieve(sub);
    var item = after.getItems().getData().getFirst();
    assertThat(item.getPrice().getId()).isEqualTo(plans.pro().getId());
    assertThat(item.getQuantity()).isEqualTo(2L);
    List<Invoice> invoices =
        stripe
            .v1()
            .invoices()
            .list(InvoiceListParams.builder().setSubscription(sub).build())
            .getData();
    Invoice proration =
        invoices.stream()
            .filter(i -> "subscription_update".equals(i.getBillingReason()))
            .findFirst()
            .orElseThrow();
    // Nearly the whole month is left: 2 × $30 for it, less the unused $10.
    assertThat(proration.getTotal()).isBetween(4_900L, 5_000L);
    assertThat(proration.getStatus()).isEqualTo("paid");
    assertThat(events("customer.subscription.updated", sub)).isNotEmpty();
    assertThat(events("invoice.paid", proration.getId())).hasSize(1);

    // The invoice history links each invoice's hosted page.
    browser.get(session.getUrl());
    assertThat(browser.findElement(By.id("invoices")).getText())
        .contains("$50.00")
        .contains("$10.00");
    browser.findElements(By.className("invoice-link")).getFirst().click();
    waitFor(browser).until(ExpectedConditions.urlContains("/i/"));
  }

  @Test
  void aCancelFlowEndsNowAndShowsTheConfirmation() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "now@example.com");
    Configuration config = plans.portal(stripe, Mode.IMMEDIATELY);
    String sub = plans.subscription().getId();
    Session session =
        session(
            plans,
            config,
            FlowData.builder()
                .setType(FlowData.Type.SUBSCRIPTION_CANCEL)
                .setSubscriptionCancel(
                    FlowData.SubscriptionCancel.builder().setSubscription(sub).build())
                .setAfterCompletion(
                    FlowData.AfterCompletion.builder()
                        .setType(FlowData.AfterCompletion.Type.HOSTED_CONFIRMATION)
                        .setHostedConfirmation(
                            FlowData.AfterCompletion.HostedConfirmation.builder()
                                .setCustomMessage("We hope to see you again.")
                                .build())
                        .build())
                .build());
    browser.get(session.getUrl());
    // A flow shows its own action only.
    assertThat(browser.findElements(By.id("customer-form"))).isEmpty();
    assertThat(browser.findElements(By.id("update-" + sub))).isEmpty();
    browser.findElement(By.id("cancel-submit-" + sub)).click();
    waitFor(browser)
        .until(ExpectedConditions.textToBe(By.id("confirmation"), "We hope to see you again."));

    Subscription after = stripe.v1().subscriptions().retrieve(sub);
    assertThat(after.getStatus()).isEqualTo("canceled");
    assertThat(after.getEndedAt()).isNotNull();
    assertThat(after.getCancellationDetails().getReason()).isEqualTo("cancellation_requested");
    assertThat(events("customer.subscription.deleted", sub)).hasSize(1);
    // create_prorations: the unused time is credited on the customer's next invoice.
    var pending =
        stripe
            .v1()
            .invoiceItems()
            .list(
                com.stripe.param.InvoiceItemListParams.builder()
                    .setCustomer(plans.customer().getId())
                    .setPending(true)
                    .build())
            .getData();
    assertThat(pending).singleElement().satisfies(i -> assertThat(i.getAmount()).isNegative());
  }

  @Test
  void aConfirmFlowAppliesTheProposedChange() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "confirm@example.com");
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    String sub = plans.subscription().getId();
    Session session =
        session(
            plans,
            config,
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
                        .build())
                .build());
    browser.get(session.getUrl());
    assertThat(browser.findElement(By.id("confirm-text")).getText())
        .contains("Pro")
        .contains("charged now");
    browser.findElement(By.id("confirm-update")).click();
    // portal_homepage: back to the whole portal.
    waitFor(browser).until(ExpectedConditions.urlContains("/home"));
    assertThat(browser.findElement(By.id("invoices")).getText()).contains("$10.00");
    Subscription after = stripe.v1().subscriptions().retrieve(sub);
    assertThat(after.getItems().getData().getFirst().getPrice().getId())
        .isEqualTo(plans.pro().getId());
  }

  @Test
  void aPaymentMethodFlowSetsTheNewDefaultAndRedirects() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "card@example.com");
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    String back = SERVER.baseUrl() + "/healthz?card=updated";
    Session session =
        session(
            plans,
            config,
            FlowData.builder()
                .setType(FlowData.Type.PAYMENT_METHOD_UPDATE)
                .setAfterCompletion(
                    FlowData.AfterCompletion.builder()
                        .setType(FlowData.AfterCompletion.Type.REDIRECT)
                        .setRedirect(
                            FlowData.AfterCompletion.Redirect.builder().setReturnUrl(back).build())
                        .build())
                .build());
    String before =
        stripe
            .v1()
            .customers()
            .retrieve(plans.customer().getId())
            .getInvoiceSettings()
            .getDefaultPaymentMethod();
    browser.get(session.getUrl());
    assertThat(browser.findElement(By.id("cards")).getText()).contains("Visa").contains("Default");
    browser.findElement(By.id("number")).sendKeys("4000 0000 0000 0002");
    browser.findElement(By.id("add-card")).click();
    waitFor(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "declined"));
    browser.findElement(By.id("number")).clear();
    browser.findElement(By.id("number")).sendKeys("5555 5555 5555 4444");
    browser.findElement(By.id("add-card")).click();
    waitFor(browser).until(ExpectedConditions.urlToBe(back));

    Customer after = stripe.v1().customers().retrieve(plans.customer().getId());
    var method =
        stripe.v1().paymentMethods().retrieve(after.getInvoiceSettings().getDefaultPaymentMethod());
    assertThat(method.getId()).isNotEqualTo(before);
    assertThat(method.getCard().getLast4()).isEqualTo("4444");
    assertThat(method.getCustomer()).isEqualTo(plans.customer().getId());
    assertThat(events("payment_method.attached", method.getId())).hasSize(1);
    assertThat(events("customer.updated", plans.customer().getId())).isNotEmpty();
  }

  @Test
  void cardsAreMadeDefaultAndRemoved() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "cards@example.com");
    Session session = session(plans, plans.portal(stripe, Mode.AT_PERIOD_END), null);
    String customer = plans.customer().getId();
    String visa =
        stripe.v1().customers().retrieve(customer).getInvoiceSettings().getDefaultPaymentMethod();
    browser.get(session.getUrl());
    browser.findElement(By.id("number")).sendKeys("5555 5555 5555 4444");
    browser.findElement(By.id("add-card")).click();
    waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("default-" + visa)));
    String mastercard =
        stripe.v1().customers().retrieve(customer).getInvoiceSettings().getDefaultPaymentMethod();
    assertThat(mastercard).isNotEqualTo(visa);

    // The default card pays the subscription: it cannot be removed.
    var refused =
        SERVER.raw(
            "POST",
            "/p/session/"
                + session.getUrl().substring(session.getUrl().lastIndexOf('/') + 1)
                + "/payment_methods/"
                + mastercard
                + "/remove",
            null,
            "",
            java.util.Map.of());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("add another card before removing it");

    browser.findElement(By.id("default-" + visa)).click();
    waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("remove-" + mastercard)));
    browser.findElement(By.id("remove-" + mastercard)).click();
    waitFor(browser)
        .until(
            ExpectedConditions.not(
                ExpectedConditions.textToBePresentInElementLocated(By.id("cards"), "4444")));

    assertThat(
            stripe
                .v1()
                .customers()
                .retrieve(customer)
                .getInvoiceSettings()
                .getDefaultPaymentMethod())
        .isEqualTo(visa);
    assertThat(stripe.v1().paymentMethods().retrieve(mastercard).getCustomer()).isNull();
    assertThat(events("payment_method.detached", mastercard)).hasSize(1);
  }
}
