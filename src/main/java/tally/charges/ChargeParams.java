package tally.charges;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Money;

/** The params records of the charge endpoints, each decoded with Stripe's rules. */
public final class ChargeParams {
  private ChargeParams() {}

  public static final ApiException RAW_CARD =
      new ApiException(
          new ApiError.InvalidRequest(
              402,
              null,
              null,
              "Sending credit card numbers directly to the Stripe API is generally unsafe. We"
                  + " suggest you use test tokens that map to the test card you are using, see"
                  + " https://stripe.com/docs/testing. To enable raw card data APIs in test mode,"
                  + " see"
                  + " https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis."));

  public record Create(
      long amount,
      String currency,
      String source,
      String customer,
      boolean capture,
      String description,
      Map<String, String> metadata,
      String receiptEmail,
      JsonNode shipping,
      String statementDescriptor,
      String statementDescriptorSuffix,
      String transferGroup) {

    public static Create decode(Params p) {
      Long amount = p.positiveInteger("amount", true);
      String currency = ChargeParams.currency(p);
      if (amount != null && currency != null) {
        checkAmount(p, "amount", amount, currency);
      }
      if (p.raw("card") != null || p.raw("source") instanceof Map<?, ?>) {
        p.fail(RAW_CARD);
      }
      String source = p.raw("source") instanceof String ? p.string("source") : null;
      String customer = p.string("customer");
      Boolean capture = p.bool("capture");
      String description = p.string("description", 40_000);
      Map<String, String> metadata = Metadata.read(p).applyTo(Map.of());
      String receiptEmail = p.string("receipt_email", 800);
      JsonNode shipping = Shipping.read(p);
      String descriptor = StatementDescriptors.read(p, "statement_descriptor");
      String suffix = StatementDescriptors.read(p, "statement_descriptor_suffix");
      String transferGroup = p.string("transfer_group");
      p.raw("radar_options");
      return new Create(
          amount == null ? 0 : amount,
          currency,
          source,
          customer,
          capture == null || capture,
          description,
          metadata,
          receiptEmail,
          shipping,
          descriptor,
          suffix,
          transferGroup);
    }
  }

  public record Update(
      Patch<String> description,
      Metadata metadata,
      Patch<String> receiptEmail,
      Patch<JsonNode> shipping,
      String fraudUserReport,
      Patch<String> transferGroup,
      String customer) {

    public static Update decode(Params p) {
      Patch<String> description = p.stringPatch("description");
      Metadata metadata = Metadata.read(p);
      Patch<String> receiptEmail = p.stringPatch("receipt_email");
      Patch<JsonNode> shipping =
          p.isEmpty("shipping")
              ? new Patch.Clear<>()
              : p.has("shipping") ? new Patch.Set<>(Shipping.read(p)) : Patch.absent();
      if (p.isEmpty("shipping")) {
        p.raw("shipping");
      }
      String userReport = null;
      Params fraud = p.hash("fraud_details");
      if (fraud != null) {
        userReport = fraud.oneOf("user_report", List.of("fraudulent", "safe"));
      }
      Patch<String> transferGroup = p.stringPatch("transfer_group");
      String customer = p.string("customer");
      return new Update(
          description, metadata, receiptEmail, shipping, userReport, transferGroup, customer);
    }
  }

  public record Capture(
      Long amount,
      String receiptEmail,
      String statementDescriptor,
      String statementDescriptorSuffix,
      String transferGroup) {

    public static Capture decode(Params p) {
      Long amount = p.positiveInteger("amount", false);
      String receiptEmail = p.string("receipt_email");
      String descriptor = StatementDescriptors.read(p, "statement_descriptor");
      String suffix = StatementDescriptors.read(p, "statement_descriptor_suffix");
      String transferGroup = p.string("transfer_group");
      p.raw("application_fee_amount");
      p.raw("application_fee");
      p.raw("transfer_data");
      return new Capture(amount, receiptEmail, descriptor, suffix, transferGroup);
    }
  }

  public record ListFilter(
      ListParams page, String customer, String paymentIntent, String transferGroup) {
    public static ListFilter decode(Params p) {
      return new ListFilter(
          ListParams.read(p),
          p.string("customer"),
          p.string("payment_intent"),
          p.string("transfer_group"));
    }
  }

  public static String currency(Params p) {
    String currency = p.requiredString("currency");
    if (currency == null) {
      return null;
    }
    String lower = currency.toLowerCase(java.util.Locale.ROOT);
    if (!Money.isSupported(lower)) {
      p.fail(
          Errors.invalid(
              "currency",
              "Invalid currency: "
                  + currency
                  + ". Stripe currently supports these currencies: "
                  + String.join(", ", Money.SUPPORTED)));
      return null;
    }
    return lower;
  }

  /** The currency's minimum and the eight-digit maximum, with Stripe's messages. */
  public static void checkAmount(Params p, String param, long amount, String currency) {
    if (amount < Money.minimum(currency)) {
      p.fail(
          Errors.invalid(
              "amount_too_small",
              param,
              "Amount must be at least "
                  + Money.format(Money.minimum(currency), currency)
                  + " "
                  + currency));
    } else if (amount > Money.maximum(currency)) {
      p.fail(
          Errors.invalid(
              "amount_too_large",
              param,
              "Amount must be no more than " + Money.format(Money.maximum(currency), currency)));
    }
  }
}
