package tally.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Browser.waitFor;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.billingportal.Session;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams.Features.SubscriptionCancel.Mode;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams.Features.SubscriptionUpdate;
import com.stripe.param.billingportal.SessionCreateParams;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * How {@code features.subscription_update} settings shape a plan change in the portal: {@code
 * billing_cycle_anchor=now} restarts the cycle, as the API's {@code billing_cycle_anchor=now} does;
 * {@code trial_update_behavior} ends a trial ({@code end_trial}) or lets it go on.
 */
class PortalUpdateSettingsBrowserTest {
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

  /** The plans' portal, updated to {@code settings} (an update changes only what it sends). */
  private Configuration portal(PortalPlans plans, SubscriptionUpdate settings)
      throws StripeException {
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    assertThat(config.getFeatures().getSubscriptionUpdate().getBillingCycleAnchor()).isNull();
    assertThat(config.getFeatures().getSubscriptionUpdate().getTrialUpdateBehavior())
        .isEqualTo("end_trial");
    return stripe
        .v1()
        .billingPortal()
        .configurations()
        .update(
            config.getId(),
            ConfigurationUpdateParams.builder()
                .setFeatures(
                    ConfigurationUpdateParams.Features.builder()
                        .setSubscriptionUpdate(settings)
                        .build())
                .build());
  }

  private Configuration restartingPortal(PortalPlans plans) throws StripeException {
    Configuration restarting =
        portal(
            plans,
            SubscriptionUpdate.builder()
                .setBillingCycleAnchor(SubscriptionUpdate.BillingCycleAnchor.NOW)
                .setProrationBehavior(SubscriptionUpdate.ProrationBehavior.CREATE_PRORATIONS)
                .build());
    assertThat(restarting.getFeatures().getSubscriptionUpdate().getBillingCycleAnchor())
        .isEqualTo("now");
    assertThat(restarting.getFeatures().getSubscriptionUpdate().getProducts()).hasSize(1);
    return restarting;
  }

  /** A 14-day trial on the Basic plan in place of the plans' paid subscription. */
  private Subscription trialing(PortalPlans plans) throws StripeException {
    Subscription trialing =
        stripe
            .v1()
            .subscriptions()
            .create(
                SubscriptionCreateParams.builder()
                    .setCustomer(plans.customer().getId())
                    .addItem(
                        SubscriptionCreateParams.Item.builder()
                            .setPrice(plans.basic().getId())
                            .build())
                    .setTrialPeriodDays(14L)
                    .build());
    stripe.v1().subscriptions().cancel(plans.subscription().getId());
    return trialing;
  }

  /** Switches {@code sub} to the Pro plan on the page; gives the option's label before. */
  private String switchToPro(PortalPlans plans, Configuration config, String sub)
      throws StripeException {
    browser.get(session(plans, config).getUrl());
    Select plan = new Select(browser.findElement(By.id("price-" + sub)));
    String label = plan.getOptions().get(1).getText();
    plan.selectByValue(plans.pro().getId());
    browser.findElement(By.id("update-submit-" + sub)).click();
    waitFor(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("sub-" + sub), "Pro"));
    return label;
  }

  private List<Invoice> invoices(String sub) throws StripeException {
    return stripe
        .v1()
        .invoices()
        .list(InvoiceListParams.builder().setSubscription(sub).build())
        .getData();
  }

  private Session session(PortalPlans plans, Configuration config) throws StripeException {
    return PortalTest.openSession(
        stripe,
        plans.customer().getId(),
        SessionCreateParams.builder()
            .setConfiguration(config.getId())
            .setReturnUrl(SERVER.baseUrl() + "/healthz"));
  }

  /** The amount in an option's note, e.g. "(… $23.45 charged now)", in cents. */
  private static long noted(String label, String what) {
    Matcher m = Pattern.compile("\\(\\$(\\d+)\\.(\\d\\d) " + what + "\\)").matcher(label);
    assertThat(m.find()).as(label).isTrue();
    return Long.parseLong(m.group(1)) * 100 + Long.parseLong(m.group(2));
  }

  @Test
  void aPlanChangeRestartsTheCycleBillingTheNewPlanLessTheUnusedTime() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "restart@example.com");
    Configuration config = restartingPortal(plans);
    String sub = plans.subscription().getId();
    SubscriptionItem before = plans.subscription().getItems().getData().getFirst();
    SERVER.clock().advance(Duration.ofDays(10));
    long span = before.getCurrentPeriodEnd() - before.getCurrentPeriodStart();
    long left = before.getCurrentPeriodEnd() - SERVER.clock().nowSeconds();
    // $30 for a new month from now, less the unused part of the $10 month that was paid.
    long expected = 3_000 - Math.round(1_000.0 * left / span);

    browser.get(session(plans, config).getUrl());
    Select plan = new Select(browser.findElement(By.id("price-" + sub)));
    long shown = noted(plan.getOptions().get(1).getText(), "charged now");
    assertThat(shown).isBetween(expected - 1, expected + 1);
    plan.selectByValue(plans.pro().getId());
    browser.findElement(By.id("update-submit-" + sub)).click();
    waitFor(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("sub-" + sub), "Pro"));

    long now = SERVER.clock().nowSeconds();
    Subscription after = stripe.v1().subscriptions().retrieve(sub);
    SubscriptionItem item = after.getItems().getData().getFirst();
    assertThat(item.getPrice().getId()).isEqualTo(plans.pro().getId());
    assertThat(after.getBillingCycleAnchor()).isBetween(now - 30, now);
    assertThat(item.getCurrentPeriodStart()).isEqualTo(after.getBillingCycleAnchor());
    assertThat(item.getCurrentPeriodEnd())
        .isEqualTo(
            Instant.ofEpochSecond(after.getBillingCycleAnchor())
                .atZone(ZoneOffset.UTC)
                .plusMonths(1)
                .toEpochSecond());
    List<Invoice> restarts =
        invoices(sub).stream()
            .filter(i -> "subscription_update".equals(i.getBillingReason()))
            .toList();
    assertThat(restarts).hasSize(1);
    Invoice restart = restarts.getFirst();
    assertThat(restart.getTotal()).isBetween(shown - 1, shown + 1);
    assertThat(restart.getStatus()).isEqualTo("paid");
    assertThat(restart.getLines().getData())
        .anySatisfy(l -> assertThat(l.getAmount()).isEqualTo(3_000L));
  }

  @Test
  void byDefaultAChangeEndsTheTrialAndBillsTheNewPlanAtOnce() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "ends@example.com");
    Subscription trialing = trialing(plans);
    String sub = trialing.getId();
    Configuration config = plans.portal(stripe, Mode.AT_PERIOD_END);
    assertThat(config.getFeatures().getSubscriptionUpdate().getTrialUpdateBehavior())
        .isEqualTo("end_trial");

    String label = switchToPro(plans, config, sub);
    assertThat(label).endsWith("($30.00 charged now)");

    long now = SERVER.clock().nowSeconds();
    Subscription after = stripe.v1().subscriptions().retrieve(sub);
    assertThat(after.getStatus()).isEqualTo("active");
    assertThat(after.getTrialEnd()).isBetween(now - 30, now);
    assertThat(after.getBillingCycleAnchor()).isEqualTo(after.getTrialEnd());
    assertThat(after.getItems().getData().getFirst().getCurrentPeriodStart())
        .isEqualTo(after.getTrialEnd());
    Invoice first =
        invoices(sub).stream()
            .filter(i -> "subscription_update".equals(i.getBillingReason()))
            .findFirst()
            .orElseThrow();
    assertThat(first.getTotal()).isEqualTo(3_000L);
    assertThat(first.getStatus()).isEqualTo("paid");
    assertThat(first.getLines().getData())
        .singleElement()
        .satisfies(l -> assertThat(l.getAmount()).isEqualTo(3_000L));
  }

  @Test
  void withContinueTrialTheTrialGoesOnUnbilledAndKeepsItsAnchor() throws StripeException {
    PortalPlans plans = PortalPlans.subscribe(stripe, "trial@example.com");
    Subscription trialing = trialing(plans);
    String sub = trialing.getId();
    // Restarting the cycle does not apply to a trial: its cycle is anchored at the trial's end.
    Configuration config =
        portal(
            plans,
            SubscriptionUpdate.builder()
                .setBillingCycleAnchor(SubscriptionUpdate.BillingCycleAnchor.NOW)
                .setProrationBehavior(SubscriptionUpdate.ProrationBehavior.ALWAYS_INVOICE)
                .setTrialUpdateBehavior(SubscriptionUpdate.TrialUpdateBehavior.CONTINUE_TRIAL)
                .build());
    assertThat(config.getFeatures().getSubscriptionUpdate().getTrialUpdateBehavior())
        .isEqualTo("continue_trial");

    String label = switchToPro(plans, config, sub);
    assertThat(label).isEqualTo("Pro · $30.00 / month");

    Subscription after = stripe.v1().subscriptions().retrieve(sub);
    assertThat(after.getStatus()).isEqualTo("trialing");
    assertThat(after.getTrialEnd()).isEqualTo(trialing.getTrialEnd());
    assertThat(after.getBillingCycleAnchor()).isEqualTo(trialing.getTrialEnd());
    assertThat(invoices(sub))
        .extracting(Invoice::getBillingReason)
        .containsExactly("subscription_create");
    assertThat(
            stripe
                .v1()
                .invoiceItems()
                .list(
                    com.stripe.param.InvoiceItemListParams.builder()
                        .setCustomer(plans.customer().getId())
                        .setPending(true)
                        .build())
                .getData())
        .as("a trial is free: switching plans in it prorates nothing")
        .isEmpty();
  }
}
