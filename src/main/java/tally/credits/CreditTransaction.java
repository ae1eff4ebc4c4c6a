package tally.credits;

import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.credits.CreditGrant.Amount;

/**
 * A credit (credits granted) or debit (expired, voided) on a customer's credit balance; the detail
 * of the side it is on carries its amount and reason, the other side is null.
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
    long effectiveAt)
    implements ApiObject {

  record Credit(Amount amount, String type) {
    @Field
    Object creditsApplicationInvoiceVoided() {
      return null;
    }
  }

  record Debit(Amount amount, String type) {
    @Field
    Object creditsApplied() {
      return null;
    }
  }

  @Field
  Credit credit() {
    return "credit".equals(type) ? new Credit(Amount.of(currency, amount), reason) : null;
  }

  @Field
  Debit debit() {
    return "credit".equals(type) ? null : new Debit(Amount.of(currency, amount), reason);
  }

  @Field
  boolean livemode() {
    return false;
  }
}
