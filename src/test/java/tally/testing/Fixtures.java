package tally.testing;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.billing.Meter;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.billing.MeterCreateParams;

/** The objects many tests start from, made through the API as a client would make them. */
public final class Fixtures {
  private Fixtures() {}

  /**
   * Stripe's US card pricing (2.9% of the captured amount, rounded half up, plus 30¢), written out
   * for tests that check the balance against the charges rather than read it back from the ledger.
   */
  public static long cardFee(long captured) {
    return (captured * 29 + 500) / 1000 + 30;
  }

  /**
   * What a charge adds to its account's balance (available + pending): the captured amount less its
   * fee and less what was refunded of it; an uncaptured charge adds nothing.
   */
  public static long balanceContribution(Charge c) {
    if (!c.getCaptured()) {
      return 0;
    }
    // Since 2025-03-31.basil a partial capture's released rest is no refund: amount_refunded
    // counts only what refunds returned.
    return c.getAmountCaptured() - cardFee(c.getAmountCaptured()) - c.getAmountRefunded();
  }

  /** A charge of {@code amount} cents in usd on a test token, e.g. {@code tok_visa}. */
  public static ChargeCreateParams.Builder chargeParams(String token, long amount) {
    return ChargeCreateParams.builder().setAmount(amount).setCurrency("usd").setSource(token);
  }

  /** Charges a test token (captured at once). */
  public static Charge charge(StripeClient stripe, String token, long amount)
      throws StripeException {
    return stripe.v1().charges().create(chargeParams(token, amount).build());
  }

  /** Authorizes a test token: an uncaptured charge. */
  public static Charge authorize(StripeClient stripe, String token, long amount)
      throws StripeException {
    return stripe.v1().charges().create(chargeParams(token, amount).setCapture(false).build());
  }

  /** Charges a customer's default card. */
  public static Charge chargeCustomer(StripeClient stripe, String customer, long amount)
      throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(
            ChargeCreateParams.builder()
                .setAmount(amount)
                .setCurrency("usd")
                .setCustomer(customer)
                .build());
  }

  /** A customer with only an email address. */
  public static Customer customer(StripeClient stripe, String email) throws StripeException {
    return stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email).build());
  }

  /** A one-time price of {@code unitAmount} cents in usd, with its product made inline. */
  public static PriceCreateParams.Builder priceParams(long unitAmount, String productName) {
    return PriceCreateParams.builder()
        .setCurrency("usd")
        .setUnitAmount(unitAmount)
        .setProductData(PriceCreateParams.ProductData.builder().setName(productName).build());
  }

  /** A billing meter of {@code eventName} events, aggregated by {@code formula}. */
  public static MeterCreateParams.Builder meterParams(
      String displayName, String eventName, MeterCreateParams.DefaultAggregation.Formula formula) {
    return MeterCreateParams.builder()
        .setDisplayName(displayName)
        .setEventName(eventName)
        .setDefaultAggregation(
            MeterCreateParams.DefaultAggregation.builder().setFormula(formula).build());
  }

  /** Creates a meter named after its event, summing the events' values. */
  public static Meter sumMeter(StripeClient stripe, String eventName) throws StripeException {
    return stripe
        .v1()
        .billing()
        .meters()
        .create(
            meterParams(eventName, eventName, MeterCreateParams.DefaultAggregation.Formula.SUM)
                .build());
  }

  /** A card PaymentMethod from {@code token}, attached to the customer as its default. */
  public static com.stripe.model.PaymentMethod defaultCard(
      StripeClient stripe, String customer, String token) throws StripeException {
    var pm =
        stripe
            .v1()
            .paymentMethods()
            .create(
                com.stripe.param.PaymentMethodCreateParams.builder()
                    .setType(com.stripe.param.PaymentMethodCreateParams.Type.CARD)
                    .putExtraParam("card[token]", token)
                    .build());
    stripe
        .v1()
        .paymentMethods()
        .attach(
            pm.getId(),
            com.stripe.param.PaymentMethodAttachParams.builder().setCustomer(customer).build());
    stripe
        .v1()
        .customers()
        .update(
            customer,
            com.stripe.param.CustomerUpdateParams.builder()
                .setInvoiceSettings(
                    com.stripe.param.CustomerUpdateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod(pm.getId())
                        .build())
                .build());
    return pm;
  }
}
