package tally.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.checkout.CheckoutFixtures.adhoc;
import static tally.checkout.CheckoutFixtures.monthly;
import static tally.checkout.CheckoutFixtures.monthlySubscription;
import static tally.checkout.CheckoutFixtures.priced;
import static tally.checkout.CheckoutFixtures.subscription;
import static tally.testing.Browser.waitFor;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tally.testing.Browser;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * Subscription-mode sessions paid in headless Chromium on the hosted page; stripe-java then sees
 * the customer, subscription, invoice, charge and events Stripe's Checkout would have made.
 */
class CheckoutSubscriptionBrowserTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Session create(SessionCreateParams.Builder params) throws StripeException {
    return CheckoutFixtures.create(stripe, params.setSuccessUrl(CheckoutPayer.successUrl(SERVER)));
  }

  /** A session for {@code quantity} × a monthly plan of {@code unitAmount}. */
  private Session monthlyPlan(long unitAmount, long quantity) throws StripeException {
    return create(monthlySubscription(stripe, unitAmount, quantity));
  }

  private Session retrieve(Session s) throws StripeException {
    return CheckoutFixtures.retrieve(stripe, s);
  }

  private static void waitForSuccess(WebDriver browser, Session s) {
    CheckoutPayer.waitForSuccess(browser, SERVER, s);
  }

  /** Opens the session's page, types the email and {@code card} (none when null) and submits. */
  private static void pay(WebDriver browser, Session s, String card) {
    browser.get(s.getUrl());
    browser.findElement(By.id("email")).clear();
    browser.findElement(By.id("email")).sendKeys("subscriber@example.com");
    if (card != null) {
      CheckoutPayer.fill(browser, card);
    }
    browser.findElement(By.id("pay")).click();
  }

  /** The account's event types, oldest first. */
  private List<String> eventTypes() throws StripeException {
    List<String> types = new ArrayList<>();
    for (Event e : Fixtures.allEvents(stripe)) {
      types.addFirst(e.getType());
    }
    return types;
  }

  @Test
  void aCardStartsTheSubscriptionAndPaysItsFirstInvoice() throws Exception {
    Session s =
        create(
            monthlySubscription(stripe, 2000, 1)
                .addLineItem(adhoc(500, 1))
                .setSubscriptionData(
                    SessionCreateParams.SubscriptionData.builder()
                        .setDescription("Pro, monthly")
                        .putMetadata("plan", "pro")
                        .build()));
    Browser.run(browser -> {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Subscribe");
      assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("$25.00");
      pay(browser, s, "4242 4242 4242 4242");
      waitForSuccess(browser, s);
    });
    Session done = retrieve(s);
    assertThat(done.getStatus()).isEqualTo("complete");
    assertThat(done.getPaymentStatus()).isEqualTo("paid");
    assertThat(done.getAmountTotal()).isEqualTo(2500L);
    assertThat(done.getPaymentIntent()).isNull();
    assertThat(done.getCustomer()).startsWith("cus_");
    assertThat(done.getCustomerDetails().getEmail()).isEqualTo("subscriber@example.com");
    Subscription sub = stripe.v1().subscriptions().retrieve(done.getSubscription());
    assertThat(sub.getStatus()).isEqualTo("active");
    assertThat(sub.getCustomer()).isEqualTo(done.getCustomer());
    assertThat(sub.getDescription()).isEqualTo("Pro, monthly");
    assertThat(sub.getMetadata()).containsEntry("plan", "pro");
    assertThat(sub.getLatestInvoice()).isEqualTo(done.getInvoice());
    PaymentMethod pm = stripe.v1().paymentMethods().retrieve(sub.getDefaultPaymentMethod());
    assertThat(pm.getCustomer()).isEqualTo(done.getCustomer());
    assertThat(pm.getBillingDetails().getName()).isEqualTo("Jenny Rosen");
    Invoice invoice = stripe.v1().invoices().retrieve(done.getInvoice());
    assertThat(invoice.getStatus()).isEqualTo("paid");
    assertThat(invoice.getBillingReason()).isEqualTo("subscription_create");
    assertThat(invoice.getAmountPaid()).isEqualTo(2500L);
    assertThat(invoice.getLines().getData()).hasSize(2);
    List<Charge> charges = stripe.v1().charges().list().getData();
    assertThat(charges).extracting(Charge::getStatus).containsExactly("succeeded");
    assertThat(charges.getFirst().getAmount()).isEqualTo(2500L);
    assertThat(charges.getFirst().getCustomer()).isEqualTo(done.getCustomer());
    assertThat(
            stripe
                .v1()
                .checkout()
                .sessions()
                .list(SessionListParams.builder().setSubscription(sub.getId()).build())
                .getData())
        .extracting(Session::getId)
        .containsExactly(s.getId());
    assertThat(eventTypes())
        .containsSubsequence(
            "customer.created",
            "payment_method.attached",
            "customer.subscription.created",
            "invoice.created",
            "invoice.finalized",
            "charge.succeeded",
            "payment_intent.succeeded",
            "invoice_payment.paid",
            "invoice.paid",
            "customer.subscription.updated",
            "checkout.session.completed");
  }

  @Test
  void aDeclineLeavesNothingBehindThenAGoodCardSubscribes() throws Exception {
    Session s = monthlyPlan(1500, 2);
    Browser.run(browser -> {
      pay(browser, s, "4000 0000 0000 0002");
      waitFor(browser)
          .until(ExpectedConditions.textToBe(By.id("error"), "Your card was declined."));
      assertThat(retrieve(s).getStatus()).isEqualTo("open");
      assertThat(stripe.v1().customers().list().getData()).isEmpty();
      assertThat(stripe.v1().subscriptions().list().getData()).isEmpty();
      assertThat(stripe.v1().invoices().list().getData()).isEmpty();
      assertThat(stripe.v1().charges().list().getData()).isEmpty();
      assertThat(eventTypes()).containsExactly("product.created", "price.created");
      CheckoutPayer.submit(browser, "4242 4242 4242 4242");
      waitForSuccess(browser, s);
    });
    Session done = retrieve(s);
    assertThat(done.getPaymentStatus()).isEqualTo("paid");
    assertThat(stripe.v1().subscriptions().retrieve(done.getSubscription()).getStatus())
        .isEqualTo("active");
    assertThat(stripe.v1().customers().list().getData()).hasSize(1);
    assertThat(stripe.v1().invoices().retrieve(done.getInvoice()).getAmountPaid()).isEqualTo(3000L);
  }

  @Test
  void a3dsCardAuthenticatesTheFirstPayment() throws Exception {
    Session s = monthlyPlan(900, 1);
    Browser.run(browser -> {
      pay(browser, s, "4000 0027 6000 3184");
      CheckoutPayer.answer3ds(browser, "authorize");
      waitForSuccess(browser, s);
    });
    Session done = retrieve(s);
    assertThat(done.getStatus()).isEqualTo("complete");
    assertThat(done.getPaymentStatus()).isEqualTo("paid");
    assertThat(stripe.v1().subscriptions().retrieve(done.getSubscription()).getStatus())
        .isEqualTo("active");
    assertThat(stripe.v1().invoices().retrieve(done.getInvoice()).getStatus()).isEqualTo("paid");
  }

  @Test
  void afterA3dsFailureANewCardPaysTheSameSubscription() throws Exception {
    Session s = monthlyPlan(900, 1);
    String waiting =
        Browser.visit(browser -> {
          pay(browser, s, "4000 0027 6000 3184");
          CheckoutPayer.answer3ds(browser, "fail");
          waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("error")));
          Session open = retrieve(s);
          assertThat(open.getStatus()).isEqualTo("open");
          assertThat(open.getSubscription()).isNotNull();
          assertThat(stripe.v1().subscriptions().retrieve(open.getSubscription()).getStatus())
              .isEqualTo("incomplete");
          CheckoutPayer.submit(browser, "4242 4242 4242 4242");
          waitForSuccess(browser, s);
          return open.getSubscription();
        });
    Session done = retrieve(s);
    assertThat(done.getSubscription()).isEqualTo(waiting);
    Subscription sub = stripe.v1().subscriptions().retrieve(waiting);
    assertThat(sub.getStatus()).isEqualTo("active");
    assertThat(
            stripe
                .v1()
                .paymentMethods()
                .retrieve(sub.getDefaultPaymentMethod())
                .getCard()
                .getLast4())
        .isEqualTo("4242");
    assertThat(stripe.v1().paymentIntents().list().getData()).hasSize(1);
    assertThat(stripe.v1().subscriptions().list().getData()).hasSize(1);
  }

  @Test
  void expiringASessionWaitingFor3dsCancelsItsPayment() throws Exception {
    Session s = monthlyPlan(900, 1);
    Browser.run(browser -> {
      pay(browser, s, "4000 0027 6000 3184");
      waitFor(browser)
          .until(ExpectedConditions.elementToBeClickable(By.id("test-source-authorize-3ds")));
    });
    Session expired = stripe.v1().checkout().sessions().expire(s.getId());
    assertThat(expired.getStatus()).isEqualTo("expired");
    assertThat(stripe.v1().paymentIntents().list().getData())
        .extracting(com.stripe.model.PaymentIntent::getStatus)
        .containsExactly("canceled");
    assertThat(eventTypes()).contains("checkout.session.expired");
  }

  @Test
  void aTrialSavesTheCardAndChargesNothing() throws Exception {
    Session s =
        create(
            monthlySubscription(stripe, 2000, 1)
                .setSubscriptionData(
                    SessionCreateParams.SubscriptionData.builder()
                        .setTrialPeriodDays(14L)
                        .build()));
    Browser.run(browser -> {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.id("pay")).getText()).isEqualTo("Start trial");
      pay(browser, s, "4242 4242 4242 4242");
      waitForSuccess(browser, s);
    });
    Session done = retrieve(s);
    assertThat(done.getPaymentStatus()).isEqualTo("no_payment_required");
    assertThat(done.getAmountTotal()).isZero();
    assertThat(done.getSetupIntent()).isNull();
    Subscription sub = stripe.v1().subscriptions().retrieve(done.getSubscription());
    assertThat(sub.getStatus()).isEqualTo("trialing");
    assertThat(sub.getTrialEnd() - sub.getTrialStart()).isEqualTo(14 * 86_400L);
    assertThat(sub.getDefaultPaymentMethod()).startsWith("pm_");
    assertThat(stripe.v1().invoices().retrieve(done.getInvoice()).getAmountPaid()).isZero();
    assertThat(stripe.v1().charges().list().getData()).isEmpty();
  }

  @Test
  void withPaymentMethodCollectionIfRequiredATrialAsksForNoCard() throws Exception {
    Session s =
        create(
            monthlySubscription(stripe, 2000, 1)
                .setPaymentMethodCollection(SessionCreateParams.PaymentMethodCollection.IF_REQUIRED)
                .setSubscriptionData(
                    SessionCreateParams.SubscriptionData.builder()
                        .setTrialPeriodDays(7L)
                        .setTrialSettings(
                            SessionCreateParams.SubscriptionData.TrialSettings.builder()
                                .setEndBehavior(
                                    SessionCreateParams.SubscriptionData.TrialSettings.EndBehavior
                                        .builder()
                                        .setMissingPaymentMethod(
                                            SessionCreateParams.SubscriptionData.TrialSettings
                                                .EndBehavior.MissingPaymentMethod.CANCEL)
                                        .build())
                                .build())
                        .build()));
    Browser.run(browser -> {
      browser.get(s.getUrl());
      assertThat(browser.findElements(By.id("cardNumber"))).isEmpty();
      pay(browser, s, null);
      waitForSuccess(browser, s);
    });
    Session done = retrieve(s);
    assertThat(done.getPaymentStatus()).isEqualTo("no_payment_required");
    Subscription sub = stripe.v1().subscriptions().retrieve(done.getSubscription());
    assertThat(sub.getStatus()).isEqualTo("trialing");
    assertThat(sub.getDefaultPaymentMethod()).isNull();
    assertThat(sub.getTrialSettings().getEndBehavior().getMissingPaymentMethod())
        .isEqualTo("cancel");
  }

  @Test
  void onATestClockTheSubscriptionRenewsWhenTheClockAdvances() throws Exception {
    long start = 1_767_225_600L; // 2026-01-01T00:00:00Z
    var clock = Fixtures.testClock(stripe, start);
    var customer = Fixtures.customerOnClock(stripe, "clocked@example.com", clock.getId());
    Price plan = monthly(stripe, 1200);
    Session s = create(subscription().setCustomer(customer.getId()).addLineItem(priced(plan, 1)));
    Browser.run(browser -> {
      browser.get(s.getUrl());
      assertThat(browser.findElement(By.id("email")).getAttribute("value"))
          .isEqualTo("clocked@example.com");
      CheckoutPayer.submit(browser, "4242 4242 4242 4242");
      waitForSuccess(browser, s);
    });
    Session done = retrieve(s);
    assertThat(done.getCustomer()).isEqualTo(customer.getId());
    Subscription sub = stripe.v1().subscriptions().retrieve(done.getSubscription());
    assertThat(sub.getStartDate()).isEqualTo(start);
    assertThat(sub.getTestClock()).isEqualTo(clock.getId());
    Fixtures.advanceClock(stripe, clock.getId(), start + 32 * 86_400L);
    SERVER.runJobs();
    List<Invoice> invoices =
        stripe
            .v1()
            .invoices()
            .list(InvoiceListParams.builder().setSubscription(sub.getId()).build())
            .getData();
    assertThat(invoices)
        .extracting(Invoice::getBillingReason)
        .containsExactly("subscription_cycle", "subscription_create");
    assertThat(invoices).extracting(Invoice::getStatus).containsExactly("paid", "paid");
    assertThat(invoices.getFirst().getAmountPaid()).isEqualTo(1200L);
    assertThat(stripe.v1().subscriptions().retrieve(sub.getId()).getStatus()).isEqualTo("active");
    assertThat(stripe.v1().charges().list().getData()).hasSize(2);
  }
}
