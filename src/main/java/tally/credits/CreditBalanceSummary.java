package tally.credits;

import java.util.List;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.credits.CreditGrant.Amount;

/** A customer's credit balance per currency (available and ledger are equal: nothing is used). */
@ApiResource(
    value = "billing.credit_balance_summary",
    nulls = {"customer_account"})
record CreditBalanceSummary(List<Balance> balances, String customer) implements ApiObject {
  record Balance(Amount availableBalance, Amount ledgerBalance) {}

  @Field
  boolean livemode() {
    return false;
  }
}
