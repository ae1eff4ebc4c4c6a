package tally.invoices;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceItemCreateParams;

/** The pending items and draft invoices the invoice tests start from. */
final class InvoiceFixtures {
  private InvoiceFixtures() {}

  /** A pending usd invoice item of {@code amount}, described as "Item {amount}". */
  static InvoiceItem item(StripeClient stripe, Customer c, long amount) throws StripeException {
    return stripe
        .v1()
        .invoiceItems()
        .create(
            InvoiceItemCreateParams.builder()
                .setCustomer(c.getId())
                .setAmount(amount)
                .setCurrency("usd")
                .setDescription("Item " + amount)
                .build());
  }

  /** Draft params for the customer, taking in its pending items. */
  static InvoiceCreateParams.Builder draftParams(Customer c) {
    return InvoiceCreateParams.builder()
        .setCustomer(c.getId())
        .setPendingInvoiceItemsBehavior(InvoiceCreateParams.PendingInvoiceItemsBehavior.INCLUDE);
  }

  static Invoice create(StripeClient stripe, InvoiceCreateParams.Builder params)
      throws StripeException {
    return stripe.v1().invoices().create(params.build());
  }
}
