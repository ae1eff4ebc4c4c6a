package tally.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionCreateParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * {@code add_invoice_items}: one-time prices on the first invoice only, charged even in a trial.
 */
class AddInvoiceItemsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final BillingClock billing = BillingClock.onNewAccount(SERVER);

  private Price setupFee() throws StripeException {
    return billing.stripe.v1().prices().create(Fixtures.priceParams(500, "Setup fee").build());
  }

  private static SubscriptionCreateParams.AddInvoiceItem added(Price price) {
    return SubscriptionCreateParams.AddInvoiceItem.builder().setPrice(price.getId()).build();
  }

  @Test
  void aOneTimePriceIsBilledOnTheFirstInvoiceOnly() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Price plan = billing.monthly(2000);
    Subscription sub =
        billing.subscribe(BillingClock.params(customer, plan).addAddInvoiceItem(added(setupFee())));
    Invoice first = billing.invoice(sub.getLatestInvoice());
    assertThat(first.getAmountPaid()).isEqualTo(2500L);
    assertThat(first.getLines().getData())
        .extracting(InvoiceLineItem::getAmount)
        .containsExactlyInAnyOrder(2000L, 500L);
    billing.advanceTo(BillingClock.START + 32 * BillingClock.DAY);
    Invoice renewal = billing.invoice(billing.retrieve(sub.getId()).getLatestInvoice());
    assertThat(renewal.getAmountPaid()).isEqualTo(2000L);
  }

  @Test
  void inATrialTheOneTimePriceIsStillChargedAtOnce() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Subscription sub =
        billing.subscribe(
            BillingClock.params(customer, billing.monthly(2000))
                .setTrialPeriodDays(14L)
                .addAddInvoiceItem(added(setupFee())));
    assertThat(sub.getStatus()).isEqualTo("trialing");
    Invoice first = billing.invoice(sub.getLatestInvoice());
    assertThat(first.getStatus()).isEqualTo("paid");
    assertThat(first.getAmountPaid()).isEqualTo(500L);
  }

  @Test
  void aRecurringPriceIsRefused() throws StripeException {
    Customer customer = billing.customer("tok_visa");
    Price plan = billing.monthly(2000);
    assertStripeError(() ->
            billing.subscribe(BillingClock.params(customer, plan).addAddInvoiceItem(added(plan))))
        .isInvalidRequest()
        .hasParam("add_invoice_items[0][price]");
  }
}
