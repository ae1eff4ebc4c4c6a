package tally.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.InvoicePayment;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceLineItemListParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.InvoiceUpdateParams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/**
 * The invoice routes the lifecycle tests do not reach: an invoice's update, lines, send and
 * mark-uncollectible, an invoice item's retrieve and delete, an invoice payment's retrieve.
 */
class InvoiceEndpointsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private InvoiceItem item(Customer c, long amount) throws StripeException {
    return InvoiceFixtures.item(stripe, c, amount);
  }

  private Invoice draft(Customer c, InvoiceCreateParams.CollectionMethod method)
      throws StripeException {
    InvoiceCreateParams.Builder params = InvoiceFixtures.draftParams(c).setCollectionMethod(method);
    if (method == InvoiceCreateParams.CollectionMethod.SEND_INVOICE) {
      params.setDaysUntilDue(30L);
    }
    return InvoiceFixtures.create(stripe, params);
  }

  @Test
  void anInvoiceItemIsRetrievedAndAPendingOneDeleted() throws Exception {
    Customer c = Fixtures.customer(stripe, "items@example.com");
    InvoiceItem kept = item(c, 1200);
    InvoiceItem dropped = item(c, 300);
    assertThat(stripe.v1().invoiceItems().retrieve(kept.getId()).getAmount()).isEqualTo(1200L);

    InvoiceItem deleted = stripe.v1().invoiceItems().delete(dropped.getId());
    assertThat(deleted.getId()).isEqualTo(dropped.getId());
    assertThat(deleted.getDeleted()).isTrue();
    assertStripeError(() -> stripe.v1().invoiceItems().retrieve(dropped.getId()))
        .isInvalidRequest()
        .hasStatus(404);
    Invoice invoice = draft(c, InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY);
    assertThat(invoice.getTotal()).isEqualTo(1200L);
  }

  @Test
  void aDraftIsUpdatedAndItsLinesListed() throws Exception {
    Customer c = Fixtures.customer(stripe, "lines@example.com");
    item(c, 2500);
    item(c, 500);
    Invoice draft = draft(c, InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY);

    Invoice updated =
        stripe
            .v1()
            .invoices()
            .update(
                draft.getId(),
                InvoiceUpdateParams.builder()
                    .setDescription("March consulting")
                    .putMetadata("order", "42")
                    .build());
    assertThat(updated.getDescription()).isEqualTo("March consulting");
    assertThat(updated.getMetadata()).containsEntry("order", "42");

    List<InvoiceLineItem> lines =
        stripe
            .v1()
            .invoices()
            .lineItems()
            .list(draft.getId(), InvoiceLineItemListParams.builder().build())
            .getData();
    assertThat(lines).extracting(InvoiceLineItem::getAmount).containsExactlyInAnyOrder(2500L, 500L);
    assertThat(lines).allSatisfy(l -> assertThat(l.getInvoice()).isEqualTo(draft.getId()));
  }

  @Test
  void anOpenInvoiceIsSentThenMarkedUncollectible() throws Exception {
    Customer c = Fixtures.customer(stripe, "send@example.com");
    item(c, 4000);
    Invoice draft = draft(c, InvoiceCreateParams.CollectionMethod.SEND_INVOICE);
    assertStripeError(() -> stripe.v1().invoices().sendInvoice(draft.getId()))
        .isInvalidRequest()
        .hasCode("invoice_not_open");
    stripe.v1().invoices().finalizeInvoice(draft.getId());

    Invoice sent = stripe.v1().invoices().sendInvoice(draft.getId());
    assertThat(sent.getStatus()).isEqualTo("open");

    Invoice written = stripe.v1().invoices().markUncollectible(draft.getId());
    assertThat(written.getStatus()).isEqualTo("uncollectible");
    assertThat(written.getStatusTransitions().getMarkedUncollectibleAt()).isNotNull();
  }

  @Test
  void aPaymentOfAPaidInvoiceIsRetrieved() throws Exception {
    Customer c = Fixtures.customer(stripe, "paid@example.com");
    Fixtures.defaultCard(stripe, c.getId(), "tok_visa");
    item(c, 1500);
    Invoice draft = draft(c, InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY);
    stripe.v1().invoices().finalizeInvoice(draft.getId());
    Invoice paid = stripe.v1().invoices().pay(draft.getId());
    assertThat(paid.getStatus()).isEqualTo("paid");

    InvoicePayment listed =
        stripe
            .v1()
            .invoicePayments()
            .list(InvoicePaymentListParams.builder().setInvoice(paid.getId()).build())
            .getData()
            .getFirst();
    InvoicePayment payment = stripe.v1().invoicePayments().retrieve(listed.getId());
    assertThat(payment.getInvoice()).isEqualTo(paid.getId());
    assertThat(payment.getAmountPaid()).isEqualTo(1500L);
    assertThat(payment.getStatus()).isEqualTo("paid");
  }
}
