package tally.invoices;

import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;

/** A payment of an invoice ({@code invoice_payment}): the PaymentIntent that paid it. */
@ApiResource("invoice_payment")
record InvoicePayment(
    String id,
    long created,
    String invoice,
    long amountPaid,
    long amountRequested,
    String currency,
    String status,
    @Field(rendered = false) String paymentIntent,
    @Field(rendered = false) Long paidAt)
    implements ApiObject {

  record Payment(String paymentIntent, String type) {}

  @Field
  Payment payment() {
    return new Payment(paymentIntent, "payment_intent");
  }

  record StatusTransitions(Long canceledAt, Long paidAt) {}

  @Field
  StatusTransitions statusTransitions() {
    return new StatusTransitions(null, paidAt);
  }

  @Field
  boolean isDefault() {
    return true;
  }

  @Field
  boolean livemode() {
    return false;
  }
}
