package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.subscriptions.BillingClock.DAY;
import static tally.subscriptions.BillingClock.START;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.SubscriptionUpdateParams.PauseCollection.Behavior;
import com.stripe.param.common.EmptyParam;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * pause_collection (renewals drafted, marked uncollectible or voided until it is cleared or its
 * resumes_at comes) and paused subscriptions (a trial ending without a payment method) resumed.
 */
class PauseTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private static final long FEB = START + 31 * DAY;
  private static final long MAR = START + 59 * DAY;
  private static final long APR = START + 90 * DAY;

  private final BillingClock billing = BillingClock.onNewAccount(SERVER);

  private Subscription pause(String id, Behavior behavior, Long resumesAt) throws StripeException {
    return billing.update(
        id,
        SubscriptionUpdateParams.builder()
            .setPauseCollection(
                SubscriptionUpdateParams.PauseCollection.builder()
                    .setBehavior(behavior)
                    .setResumesAt(resumesAt)
                    .build()));
  }

  /** The subscription's invoices, oldest first. */
  private List<Invoice> invoices(String sub) throws StripeException {
    return billing.invoices(sub).stream()
        .sorted(Comparator.comparing(Invoice::getCreated))
        .toList();
  }

  @Test
  void keepAsDraftLeavesRenewalsDraftUntilCollectionIsResumed() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub = billing.subscribe(BillingClock.params(customer, billing.monthly(900L)));
    Subscription paused = pause(sub.getId(), Behavior.KEEP_AS_DRAFT, null);
    assertThat(paused.getStatus()).isEqualTo("active");
    assertThat(paused.getPauseCollection().getBehavior()).isEqualTo("keep_as_draft");
    assertThat(paused.getPauseCollection().getResumesAt()).isNull();

    billing.advanceTo(FEB + 5 * 3600);
    Invoice february = billing.invoice(billing.retrieve(sub.getId()).getLatestInvoice());
    assertThat(february.getStatus()).isEqualTo("draft");
    assertThat(february.getAutoAdvance()).isFalse();
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");

    Subscription resumed =
        billing.update(
            sub.getId(), SubscriptionUpdateParams.builder().setPauseCollection(EmptyParam.EMPTY));
    assertThat(resumed.getPauseCollection()).isNull();
    billing.advanceTo(MAR + 2 * 3600);
    Invoice march = billing.invoice(billing.retrieve(sub.getId()).getLatestInvoice());
    assertThat(march.getStatus()).isEqualTo("paid");
    assertThat(billing.invoice(february.getId()).getStatus()).isEqualTo("draft");
  }

  @Test
  void markUncollectibleUntilResumesAtWithinOneLongAdvance() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub = billing.subscribe(BillingClock.params(customer, billing.monthly(900L)));
    long resumesAt = START + 70 * DAY; // mid-March: February and March stay uncollected
    pause(sub.getId(), Behavior.MARK_UNCOLLECTIBLE, resumesAt);

    billing.advanceTo(APR + 2 * 3600);
    List<Invoice> all = invoices(sub.getId());
    assertThat(all)
        .extracting(Invoice::getStatus)
        .containsExactly("paid", "uncollectible", "uncollectible", "paid");
    assertThat(all.get(1).getPeriodStart()).isEqualTo(FEB);
    assertThat(all.get(2).getPeriodStart()).isEqualTo(MAR);
    assertThat(all.get(3).getPeriodStart()).isEqualTo(APR);
    Subscription after = billing.retrieve(sub.getId());
    assertThat(after.getPauseCollection()).isNull();
    assertThat(after.getStatus()).isEqualTo("active");
    assertThat(billing.events("customer.subscription.updated"))
        .anySatisfy(e -> assertThat(e.getCreated()).isEqualTo(resumesAt));
  }

  @Test
  void voidVoidsEachRenewal() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub = billing.subscribe(BillingClock.params(customer, billing.monthly(900L)));
    pause(sub.getId(), Behavior.VOID, null);
    billing.advanceTo(FEB + 2 * 3600);
    Invoice february = billing.invoice(billing.retrieve(sub.getId()).getLatestInvoice());
    assertThat(february.getStatus()).isEqualTo("void");
    assertThat(february.getNumber()).isNotNull();
    assertThat(february.getAttemptCount()).isZero();
  }

  private Subscription trialWithout(Customer customer, String behavior) throws StripeException {
    return billing.subscribe(
        BillingClock.params(customer, billing.monthly(900L))
            .setTrialPeriodDays(7L)
            .setTrialSettings(
                SubscriptionCreateParams.TrialSettings.builder()
                    .setEndBehavior(
                        SubscriptionCreateParams.TrialSettings.EndBehavior.builder()
                            .setMissingPaymentMethod(
                                SubscriptionCreateParams.TrialSettings.EndBehavior
                                    .MissingPaymentMethod.valueOf(behavior))
                            .build())
                    .build()));
  }

  @Test
  void aTrialEndingWithoutAPaymentMethodPausesUntilResumed() throws StripeException {
    Customer customer = billing.customer(null);
    Subscription sub = trialWithout(customer, "PAUSE");
    assertThat(sub.getTrialSettings().getEndBehavior().getMissingPaymentMethod())
        .isEqualTo("pause");

    billing.advanceTo(START + 9 * DAY);
    Subscription paused = billing.retrieve(sub.getId());
    assertThat(paused.getStatus()).isEqualTo("paused");
    assertThat(invoices(sub.getId())).hasSize(1); // only the trial's $0 invoice
    assertThat(billing.events("customer.subscription.paused"))
        .singleElement()
        .satisfies(e -> assertThat(e.getCreated()).isEqualTo(START + 7 * DAY));
    billing.advanceTo(START + 40 * DAY);
    assertThat(invoices(sub.getId())).hasSize(1);

    Fixtures.defaultCard(billing.stripe, customer.getId(), "tok_visa");
    Subscription resumed =
        billing
            .stripe
            .v1()
            .subscriptions()
            .resume(sub.getId(), SubscriptionResumeParams.builder().build());
    assertThat(resumed.getStatus()).isEqualTo("active");
    assertThat(resumed.getBillingCycleAnchor()).isEqualTo(START + 40 * DAY);
    Invoice invoice = billing.invoice(resumed.getLatestInvoice());
    assertThat(invoice.getStatus()).isEqualTo("paid");
    assertThat(invoice.getTotal()).isEqualTo(900L);
    assertThat(billing.events("customer.subscription.resumed")).hasSize(1);

    assertStripeError(() ->
            billing
                .stripe
                .v1()
                .subscriptions()
                .resume(sub.getId(), SubscriptionResumeParams.builder().build()))
        .isInvalidRequest()
        .hasStatus(400);
  }

  @Test
  void aTrialEndingWithoutAPaymentMethodCanCancel() throws StripeException {
    Customer customer = billing.customer(null);
    Subscription sub = trialWithout(customer, "CANCEL");
    billing.advanceTo(START + 8 * DAY);
    Subscription canceled = billing.retrieve(sub.getId());
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(canceled.getEndedAt()).isEqualTo(START + 7 * DAY);
  }

  @Test
  void aTrialWithAPaymentMethodIgnoresTheMissingMethodBehavior() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub = trialWithout(customer, "PAUSE");
    billing.advanceTo(START + 7 * DAY + 2 * 3600);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");
  }
}
