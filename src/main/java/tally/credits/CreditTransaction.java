package tally.credits;

import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.credits.CreditGrant.Amount;

/**
 * A credit (credits granted, or given back by a voided invoice) or debit (applied to an invoice,
 * expired, voided) on a customer's credit balance; the detail of the side it is on carries its
 * amount and reason, the other side is null.
 */
@ApiResource(
    value = "billing.credit_balance_transaction",
    nulls = {"test_clock"})
record CreditTransaction(
    String id,
    long created,
    String creditGrant,
    @Field(rendered = false) String customer,
    String type,
    @Field(rendered = false) String reason,
    @Field(rendered = false) long amount,
    @Field(rendered = false) String currency,
    long effectiveAt,
    @Field(rendered = false) String invoice,
    @Field(rendered = false) String invoiceLineItem)
    implements ApiObject {

  /** The invoice line credits paid (applied), or whose voiding gave them back. */
  record InvoiceLineRef(String invoice, String invoiceLineItem) {}

  record Credit(Amount amount, InvoiceLineRef creditsApplicationInvoiceVoided, String type) {}

  record Debit(Amount amount, InvoiceLineRef creditsApplied, String type) {}

  private InvoiceLineRef line() {
    return invoice == null ? null : new InvoiceLineRef(invoice, invoiceLineItem);
  }

  @Field
  Credit credit() {
    return "credit".equals(type) ? new Credit(Amount.of(currency, amount), line(), reason) : null;
  }

  @Field
  Debit debit() {
    return "credit".equals(type) ? null : new Debit(Amount.of(currency, amount), line(), reason);
  }

  @Field
  boolean livemode() {
    return false;
  }
}
