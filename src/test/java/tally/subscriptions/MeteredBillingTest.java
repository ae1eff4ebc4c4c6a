package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.subscriptions.BillingClock.DAY;
import static tally.subscriptions.BillingClock.START;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.model.billing.AlertTriggered;
import com.stripe.model.billing.CreditBalanceTransaction;
import com.stripe.model.billing.CreditGrant;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.billing.AlertCreateParams;
import com.stripe.param.billing.CreditGrantCreateParams;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Credits;
import tally.testing.TallyServer;

/**
 * A month of usage on a test clock, billed in arrears on the renewal invoice from three meters (sum
 * per unit, count on graduated tiers, last on volume tiers), paid first by billing credits in
 * Stripe's order, with a usage alert firing once. Late usage inside the finalization grace period
 * counts; a cancelled event does not; voiding the invoice gives the credits back.
 */
class MeteredBillingTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();
  private static final long PERIOD_END = START + 31 * DAY;

  private BillingClock billing;
  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  private void advanceTo(long time) throws StripeException {
    billing.advanceTo(time);
  }

  private Customer customerOnClock() throws StripeException {
    billing = new BillingClock(SERVER, stripe);
    return billing.customer("usage@example.com", "tok_visa");
  }

  private MeteredPlan plan() throws StripeException {
    return MeteredPlan.create(stripe, tag);
  }

  private CreditGrant grant(
      Customer customer, long value, long priority, Long expiresAt, String onlyPrice)
      throws StripeException {
    var scope =
        onlyPrice == null
            ? Credits.meteredScope()
            : CreditGrantCreateParams.ApplicabilityConfig.Scope.builder()
                .addPrice(
                    CreditGrantCreateParams.ApplicabilityConfig.Scope.Price.builder()
                        .setId(onlyPrice)
                        .build());
    var b = Credits.grantParams(customer.getId(), value, scope.build()).setPriority(priority);
    if (expiresAt != null) {
      b.setExpiresAt(expiresAt);
    }
    return stripe.v1().billing().creditGrants().create(b.build());
  }

  private long available(Customer customer) throws StripeException {
    return Credits.meteredSummary(stripe, customer.getId()).getBalances().stream()
        .mapToLong(b -> b.getAvailableBalance().getMonetary().getValue())
        .sum();
  }

  private List<CreditBalanceTransaction> transactions(Customer customer) throws StripeException {
    return Credits.transactions(stripe, customer.getId());
  }

  /** A month of usage: what each meter counts, sent as the clock moves through January. */
  private String monthOfUsage(MeteredPlan plan, Customer customer) throws StripeException {
    advanceTo(START + 10 * DAY);
    plan.use(plan.tokens(), customer, "40", START + 2 * DAY);
    String mistaken = plan.use(plan.tokens(), customer, "25", START + 5 * DAY);
    // 100 tokens received since the alert was made: it fires.
    plan.use(plan.tokens(), customer, "35", START + 9 * DAY);
    for (int i = 0; i < 6; i++) {
      plan.use(plan.requests(), customer, null, START + i * DAY);
    }
    plan.use(plan.storage(), customer, "4", START + 3 * DAY);
    plan.use(plan.storage(), customer, "13", START + 9 * DAY);
    advanceTo(START + 20 * DAY);
    plan.use(plan.tokens(), customer, "30", START + 15 * DAY);
    for (int i = 0; i < 6; i++) {
      plan.use(plan.requests(), customer, null, START + 11 * DAY + i * 3600);
    }
    // Sent after the 13 but older: not the last.
    plan.use(plan.storage(), customer, "9", START + 8 * DAY);
    return mistaken;
  }

  private static Map<String, InvoiceLineItem> linesByPrice(Invoice invoice) {
    return invoice.getLines().getData().stream()
        .collect(
            Collectors.toMap(
                l -> l.getPricing().getPriceDetails().getPrice(), l -> l, (a, b) -> a));
  }

  @Test
  void aMonthOfUsageIsBilledFromTheMetersAndPaidPartlyByCredits() throws StripeException {
    Customer customer = customerOnClock();
    MeteredPlan plan = plan();
    var alert =
        stripe
            .v1()
            .billing()
            .alerts()
            .create(
                AlertCreateParams.builder()
                    .setTitle("100 tokens")
                    .setAlertType(AlertCreateParams.AlertType.USAGE_THRESHOLD)
                    .setUsageThreshold(
                        AlertCreateParams.UsageThreshold.builder()
                            .setGte(100L)
                            .setMeter(plan.tokens().getId())
                            .setRecurrence(AlertCreateParams.UsageThreshold.Recurrence.ONE_TIME)
                            .addFilter(
                                AlertCreateParams.UsageThreshold.Filter.builder()
                                    .setType(AlertCreateParams.UsageThreshold.Filter.Type.CUSTOMER)
                                    .setCustomer(customer.getId())
                                    .build())
                            .build())
                    .build());
    // Spent in Stripe's order: priority 10 (only for requests), then the one expiring first.
    CreditGrant forRequests = grant(customer, 300, 10, null, plan.requestPrice().getId());
    CreditGrant lasting = grant(customer, 2000, 50, null, null);
    CreditGrant expiring = grant(customer, 200, 50, START + 60 * DAY, null);
    assertThat(expiring.getEffectiveAt()).isEqualTo(START);
    // The price_type=metered scope: the grant for one price is not in it.
    assertThat(available(customer)).isEqualTo(2200L);

    Subscription sub = plan.subscribe(customer, false);
    Invoice first = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    // Metered items bill in arrears: the first invoice is the licensed month only.
    assertThat(first.getTotal()).isEqualTo(1000L);
    assertThat(first.getStatus()).isEqualTo("paid");

    String mistaken = monthOfUsage(plan, customer);

    // Mid-period, the preview shows the usage so far: 130 tokens (1.5¢), 12 requests, 13 GB.
    Invoice preview =
        stripe
            .v1()
            .invoices()
            .createPreview(
                InvoiceCreatePreviewParams.builder().setCustomer(customer.getId()).build());
    Map<String, InvoiceLineItem> so = linesByPrice(preview);
    assertThat(so.get(plan.tokenPrice().getId()).getAmount()).isEqualTo(195L);
    assertThat(so.get(plan.requestPrice().getId()).getAmount()).isEqualTo(970L);
    assertThat(so.get(plan.storagePrice().getId()).getAmount()).isEqualTo(2700L);
    // It shows what the credits would pay now, in the same order (the expiring grant pays the
    // tokens' 195 and 5 of the requests), and spends nothing.
    assertThat(so.get(plan.requestPrice().getId()).getPretaxCreditAmounts())
        .extracting(InvoiceLineItem.PretaxCreditAmount::getAmount)
        .containsExactly(300L, 5L, 665L);
    assertThat(
            preview.getTotalPretaxCreditAmounts().stream()
                .mapToLong(Invoice.TotalPretaxCreditAmount::getAmount)
                .sum())
        .isEqualTo(195L + 300 + 5 + 665 + 1335);
    assertThat(preview.getTotal()).isEqualTo(1000L + 195 + 970 + 2700 - 2500);
    assertThat(available(customer)).isEqualTo(2200L);

    // The period ends: the renewal is a draft for an hour (the finalization grace period).
    advanceTo(PERIOD_END + 600);
    sub = stripe.v1().subscriptions().retrieve(sub.getId());
    Invoice draft = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    assertThat(draft.getStatus()).isEqualTo("draft");
    assertThat(linesByPrice(draft).get(plan.tokenPrice().getId()).getQuantity()).isEqualTo(130L);
    // Late usage for January still counts; a mistaken event is cancelled before finalization.
    plan.use(plan.tokens(), customer, "20", PERIOD_END - 60);
    plan.use(plan.tokens(), customer, "7", PERIOD_END); // February's: next invoice
    plan.cancel(plan.tokens(), mistaken);
    advanceTo(PERIOD_END + 2 * 3600);

    Invoice renewal = stripe.v1().invoices().retrieve(draft.getId());
    assertThat(renewal.getStatus()).isEqualTo("paid");
    assertThat(renewal.getBillingReason()).isEqualTo("subscription_cycle");
    Map<String, InvoiceLineItem> lines = linesByPrice(renewal);
    InvoiceLineItem tokenLine = lines.get(plan.tokenPrice().getId());
    // 40 + 35 + 30 + 20 late = 125 tokens at 1.5¢ = 187.5¢, rounded half up.
    assertThat(tokenLine.getQuantity()).isEqualTo(125L);
    assertThat(tokenLine.getAmount()).isEqualTo(188L);
    assertThat(tokenLine.getPeriod().getStart()).isEqualTo(START);
    assertThat(tokenLine.getPeriod().getEnd()).isEqualTo(PERIOD_END);
    // 12 requests, graduated: 5 × $1 + $2 flat, 5 × 50¢, 2 × 10¢.
    assertThat(lines.get(plan.requestPrice().getId()).getQuantity()).isEqualTo(12L);
    assertThat(lines.get(plan.requestPrice().getId()).getAmount()).isEqualTo(970L);
    // Last storage value (by timestamp) 13 GB, volume: 13 × $2 + $1 flat.
    assertThat(lines.get(plan.storagePrice().getId()).getAmount()).isEqualTo(2700L);
    // February's licensed month, in advance.
    assertThat(lines.get(plan.basePrice().getId()).getAmount()).isEqualTo(1000L);
    assertThat(lines.get(plan.basePrice().getId()).getPeriod().getStart()).isEqualTo(PERIOD_END);
    assertThat(renewal.getSubtotal()).isEqualTo(1000L + 188 + 970 + 2700);

    // Credits: tokens 188 from the expiring grant (12 left); requests 300 from the priority-10
    // grant, then 12, then 658 from the lasting one; storage 1342 from what is left of it.
    assertThat(tokenLine.getPretaxCreditAmounts())
        .singleElement()
        .satisfies(c -> assertThat(c.getAmount()).isEqualTo(188L));
    assertThat(lines.get(plan.requestPrice().getId()).getPretaxCreditAmounts())
        .extracting(InvoiceLineItem.PretaxCreditAmount::getAmount)
        .containsExactly(300L, 12L, 658L);
    assertThat(lines.get(plan.storagePrice().getId()).getPretaxCreditAmounts())
        .extracting(InvoiceLineItem.PretaxCreditAmount::getAmount)
        .containsExactly(1342L);
    assertThat(lines.get(plan.basePrice().getId()).getPretaxCreditAmounts()).isEmpty();
    assertThat(renewal.getTotalPretaxCreditAmounts())
        .allSatisfy(c -> assertThat(c.getType()).isEqualTo("credit_balance_transaction"))
        .extracting(Invoice.TotalPretaxCreditAmount::getAmount)
        .containsExactly(188L, 300L, 12L, 658L, 1342L);
    assertThat(renewal.getTotal()).isEqualTo(1000L + 188 + 970 + 2700 - 2500);
    assertThat(renewal.getAmountPaid()).isEqualTo(2358L);

    assertThat(available(customer)).isZero();
    List<CreditBalanceTransaction> applied =
        transactions(customer).stream().filter(t -> "debit".equals(t.getType())).toList();
    assertThat(applied).hasSize(5);
    assertThat(applied)
        .allSatisfy(t -> {
          assertThat(t.getDebit().getType()).isEqualTo("credits_applied");
          assertThat(t.getDebit().getCreditsApplied().getInvoice()).isEqualTo(renewal.getId());
          assertThat(t.getEffectiveAt()).isEqualTo(PERIOD_END + 3600);
        });
    assertThat(applied.stream().filter(t -> t.getCreditGrant().equals(forRequests.getId())))
        .singleElement()
        .satisfies(t -> {
          assertThat(t.getDebit().getAmount().getMonetary().getValue()).isEqualTo(300L);
          assertThat(t.getDebit().getCreditsApplied().getInvoiceLineItem())
              .isEqualTo(lines.get(plan.requestPrice().getId()).getId());
        });
    assertThat(
            applied.stream()
                .filter(t -> t.getCreditGrant().equals(lasting.getId()))
                .mapToLong(t -> t.getDebit().getAmount().getMonetary().getValue())
                .sum())
        .isEqualTo(2000L);

    // The alert fired once, on the customer's clock, when 100 tokens had been received.
    List<Event> fired =
        billing.events("billing.alert.triggered").stream()
            .filter(e ->
                ((AlertTriggered) e.getDataObjectDeserializer().getObject().orElseThrow())
                    .getAlert()
                    .getId()
                    .equals(alert.getId()))
            .toList();
    assertThat(fired)
        .singleElement()
        .satisfies(e -> {
          AlertTriggered t =
              (AlertTriggered) e.getDataObjectDeserializer().getObject().orElseThrow();
          assertThat(t.getCustomer()).isEqualTo(customer.getId());
          assertThat(t.getValue()).isEqualTo(100L);
          assertThat(e.getCreated()).isEqualTo(START + 10 * DAY);
        });
  }

  @Test
  void voidingTheInvoiceGivesTheCreditsBackAndADeactivatedMeterBillsNothing()
      throws StripeException {
    Customer customer = customerOnClock();
    MeteredPlan plan = plan();
    CreditGrant credits = grant(customer, 1000, 50, null, null);
    Subscription sub = plan.subscribe(customer, true);
    monthOfUsage(plan, customer);
    stripe.v1().billing().meters().deactivate(plan.storage().getId());

    advanceTo(PERIOD_END + 2 * 3600);
    sub = stripe.v1().subscriptions().retrieve(sub.getId());
    Invoice open = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    assertThat(open.getStatus()).isEqualTo("open");
    Map<String, InvoiceLineItem> lines = linesByPrice(open);
    assertThat(lines.get(plan.storagePrice().getId()).getAmount()).isZero();
    // 130 tokens (none cancelled here) = 195¢ and 970 for the requests; the grant pays 195 + 805.
    assertThat(open.getSubtotal()).isEqualTo(1000L + 195 + 970);
    assertThat(open.getTotal()).isEqualTo(1000L + 195 + 970 - 1000);
    assertThat(available(customer)).isZero();

    Invoice voided = stripe.v1().invoices().voidInvoice(open.getId());
    assertThat(voided.getStatus()).isEqualTo("void");
    assertThat(available(customer)).isEqualTo(1000L);
    List<CreditBalanceTransaction> back =
        transactions(customer).stream()
            .filter(t -> "credit".equals(t.getType()))
            .filter(t -> "credits_application_invoice_voided".equals(t.getCredit().getType()))
            .toList();
    assertThat(back)
        .extracting(t -> t.getCredit().getAmount().getMonetary().getValue())
        .containsExactlyInAnyOrder(195L, 805L);
    assertThat(back)
        .allSatisfy(t -> {
          assertThat(t.getCreditGrant()).isEqualTo(credits.getId());
          assertThat(t.getCredit().getCreditsApplicationInvoiceVoided().getInvoice())
              .isEqualTo(open.getId());
        });
  }

  @Test
  void theLastPeriodsUsageIsBilledWhenTheSubscriptionEndsAtThePeriodEnd() throws StripeException {
    Customer customer = customerOnClock();
    MeteredPlan plan = plan();
    Subscription sub = plan.subscribe(customer, false);
    String first = sub.getLatestInvoice();
    monthOfUsage(plan, customer);
    stripe
        .v1()
        .subscriptions()
        .update(
            sub.getId(),
            com.stripe.param.SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());

    advanceTo(PERIOD_END + 2 * 3600);
    sub = stripe.v1().subscriptions().retrieve(sub.getId());
    assertThat(sub.getStatus()).isEqualTo("canceled");
    assertThat(sub.getEndedAt()).isEqualTo(PERIOD_END);
    Invoice last = stripe.v1().invoices().retrieve(sub.getLatestInvoice());
    assertThat(last.getId()).isNotEqualTo(first);
    // Usage in arrears only: no licensed line for a period that will not come.
    Map<String, InvoiceLineItem> lines = linesByPrice(last);
    assertThat(lines).doesNotContainKey(plan.basePrice().getId());
    // 130 tokens at 1.5 cents, 12 requests on the graduated tiers, 13 GB on the volume tiers.
    assertThat(lines.get(plan.tokenPrice().getId()).getAmount()).isEqualTo(195L);
    assertThat(lines.get(plan.requestPrice().getId()).getAmount()).isEqualTo(970L);
    assertThat(lines.get(plan.storagePrice().getId()).getAmount()).isEqualTo(2700L);
    assertThat(last.getTotal()).isEqualTo(195L + 970 + 2700);
    assertThat(last.getStatus()).isEqualTo("paid");
    assertThat(last.getPeriodStart()).isEqualTo(START);
    assertThat(last.getPeriodEnd()).isEqualTo(PERIOD_END);
  }
}
