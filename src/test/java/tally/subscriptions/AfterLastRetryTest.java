package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.subscriptions.BillingClock.DAY;
import static tally.subscriptions.BillingClock.START;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * A renewal declined on every retry (3, 5 and 7 days apart): the subscription becomes what the
 * account's retry settings say — canceled by default, unpaid, or left past_due.
 */
class AfterLastRetryTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  /** The February renewal (START + 31 days) is attempted an hour later, then retried 15 days on. */
  private static final long LAST_RETRY = START + 31 * DAY + 3600 + 15 * DAY;

  private String key;
  private BillingClock billing;

  @BeforeEach
  void clock() throws StripeException {
    key = SERVER.newKey();
    billing = new BillingClock(SERVER, SERVER.client(key));
  }

  private String settings(String body) {
    HttpResponse<String> r =
        SERVER.raw("POST", "/v1/tally/subscription_retry_settings", key, body, Map.of());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** An active monthly subscription whose card declines from now on. */
  private Subscription decliningSubscription(Customer customer) throws StripeException {
    Subscription sub = billing.subscribe(BillingClock.params(customer, billing.monthly(1200L)));
    assertThat(sub.getStatus()).isEqualTo("active");
    Fixtures.defaultCard(billing.stripe, customer.getId(), "tok_chargeCustomerFail");
    return sub;
  }

  @Test
  void byDefaultTheSubscriptionIsCanceledAndTheInvoiceLeftOpen() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub = decliningSubscription(customer);

    billing.advanceTo(LAST_RETRY - 1);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("past_due");
    Invoice renewal = billing.invoice(billing.retrieve(sub.getId()).getLatestInvoice());
    assertThat(renewal.getAttemptCount()).isEqualTo(3L);
    assertThat(renewal.getNextPaymentAttempt()).isEqualTo(LAST_RETRY);

    billing.advanceTo(LAST_RETRY + DAY);
    Subscription canceled = billing.retrieve(sub.getId());
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(canceled.getEndedAt()).isEqualTo(LAST_RETRY);
    assertThat(canceled.getCancellationDetails().getReason()).isEqualTo("payment_failed");
    Invoice last = billing.invoice(renewal.getId());
    assertThat(last.getStatus()).isEqualTo("open");
    assertThat(last.getAttemptCount()).isEqualTo(4L);
    assertThat(last.getNextPaymentAttempt()).isNull();
    assertThat(billing.events("invoice.payment_failed")).hasSize(4);
  }

  @Test
  void unpaidKeepsBillingDraftsUntilTheOpenInvoiceIsPaid() throws StripeException {
    assertThat(
            settings(
                "after_last_retry[subscription_status]=unpaid"
                    + "&after_last_retry[invoice_status]=uncollectible"))
        .contains("\"subscription_status\": \"unpaid\"");
    Customer customer = billing.customer("tok_visa");
    Subscription sub = decliningSubscription(customer);

    billing.advanceTo(LAST_RETRY + DAY);
    Subscription unpaid = billing.retrieve(sub.getId());
    assertThat(unpaid.getStatus()).isEqualTo("unpaid");
    String renewal = unpaid.getLatestInvoice();
    assertThat(billing.invoice(renewal).getStatus()).isEqualTo("uncollectible");

    // March's renewal is billed as a draft that nothing finalizes or attempts.
    billing.advanceTo(START + 59 * DAY + 5 * 3600);
    Subscription march = billing.retrieve(sub.getId());
    assertThat(march.getStatus()).isEqualTo("unpaid");
    Invoice draft = billing.invoice(march.getLatestInvoice());
    assertThat(draft.getStatus()).isEqualTo("draft");
    assertThat(draft.getAutoAdvance()).isFalse();
    assertThat(draft.getPeriodStart()).isEqualTo(START + 59 * DAY);

    // The customer pays the uncollectible invoice with a good card: active again.
    Fixtures.defaultCard(billing.stripe, customer.getId(), "tok_visa");
    billing.stripe.v1().invoices().pay(renewal);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("active");
  }

  @Test
  void pastDueLeavesTheSubscriptionPastDueAndKeepsAttemptingRenewals() throws StripeException {
    settings("after_last_retry[subscription_status]=past_due");
    Customer customer = billing.customer("tok_visa");
    Subscription sub = decliningSubscription(customer);

    billing.advanceTo(LAST_RETRY + DAY);
    assertThat(billing.retrieve(sub.getId()).getStatus()).isEqualTo("past_due");
    String february = billing.retrieve(sub.getId()).getLatestInvoice();
    assertThat(billing.invoice(february).getStatus()).isEqualTo("open");

    billing.advanceTo(START + 59 * DAY + 2 * 3600);
    Subscription march = billing.retrieve(sub.getId());
    assertThat(march.getStatus()).isEqualTo("past_due");
    Invoice attempted = billing.invoice(march.getLatestInvoice());
    assertThat(attempted.getId()).isNotEqualTo(february);
    assertThat(attempted.getAttemptCount()).isEqualTo(1L);
  }

  @Test
  void settingsAreReadBackAndRefuseUnknownValues() {
    HttpResponse<String> get =
        SERVER.raw("GET", "/v1/tally/subscription_retry_settings", key, null, Map.of());
    assertThat(get.body())
        .contains("\"subscription_status\": \"canceled\"", "\"invoice_status\": \"open\"");
    HttpResponse<String> bad =
        SERVER.raw(
            "POST",
            "/v1/tally/subscription_retry_settings",
            key,
            "after_last_retry[subscription_status]=deleted",
            Map.of());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("after_last_retry[subscription_status]");
  }
}
