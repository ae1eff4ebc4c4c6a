package tally.testing;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.billing.CreditBalanceSummary;
import com.stripe.model.billing.CreditBalanceTransaction;
import com.stripe.param.billing.CreditBalanceSummaryRetrieveParams;
import com.stripe.param.billing.CreditBalanceTransactionListParams;
import com.stripe.param.billing.CreditGrantCreateParams;
import java.util.List;

/** Billing credits as the tests grant and read them: paid usd grants for metered prices. */
public final class Credits {
  private Credits() {}

  /** The scope of a grant for every metered price. */
  public static CreditGrantCreateParams.ApplicabilityConfig.Scope.Builder meteredScope() {
    return CreditGrantCreateParams.ApplicabilityConfig.Scope.builder()
        .setPriceType(CreditGrantCreateParams.ApplicabilityConfig.Scope.PriceType.METERED);
  }

  /** A paid grant of {@code value} cents in usd to the customer, within {@code scope}. */
  public static CreditGrantCreateParams.Builder grantParams(
      String customer, long value, CreditGrantCreateParams.ApplicabilityConfig.Scope scope) {
    var monetary =
        CreditGrantCreateParams.Amount.Monetary.builder().setCurrency("usd").setValue(value);
    return CreditGrantCreateParams.builder()
        .setCustomer(customer)
        .setCategory(CreditGrantCreateParams.Category.PAID)
        .setAmount(
            CreditGrantCreateParams.Amount.builder()
                .setType(CreditGrantCreateParams.Amount.Type.MONETARY)
                .setMonetary(monetary.build())
                .build())
        .setApplicabilityConfig(
            CreditGrantCreateParams.ApplicabilityConfig.builder().setScope(scope).build());
  }

  /** The customer's credit balance summary for the {@code price_type=metered} scope. */
  public static CreditBalanceSummary meteredSummary(StripeClient stripe, String customer)
      throws StripeException {
    var metered =
        CreditBalanceSummaryRetrieveParams.Filter.ApplicabilityScope.builder()
            .setPriceType(
                CreditBalanceSummaryRetrieveParams.Filter.ApplicabilityScope.PriceType.METERED);
    var filter =
        CreditBalanceSummaryRetrieveParams.Filter.builder()
            .setType(CreditBalanceSummaryRetrieveParams.Filter.Type.APPLICABILITY_SCOPE)
            .setApplicabilityScope(metered.build());
    return stripe
        .v1()
        .billing()
        .creditBalanceSummary()
        .retrieve(
            CreditBalanceSummaryRetrieveParams.builder()
                .setCustomer(customer)
                .setFilter(filter.build())
                .build());
  }

  /** The customer's credit balance transactions, newest first (at most 100). */
  public static List<CreditBalanceTransaction> transactions(StripeClient stripe, String customer)
      throws StripeException {
    return stripe
        .v1()
        .billing()
        .creditBalanceTransactions()
        .list(
            CreditBalanceTransactionListParams.builder()
                .setCustomer(customer)
                .setLimit(100L)
                .build())
        .getData();
  }
}
