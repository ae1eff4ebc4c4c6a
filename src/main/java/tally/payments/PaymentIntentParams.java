package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.charges.ChargeParams;
import tally.charges.StatementDescriptors;
import tally.core.Json;

/** Params of the PaymentIntent endpoints, decoded with Stripe's rules. */
final class PaymentIntentParams {
  private PaymentIntentParams() {}

  static final List<String> CAPTURE_METHODS = List.of("automatic", "automatic_async", "manual");
  static final List<String> FUTURE_USAGE = List.of("off_session", "on_session");
  static final List<String> CANCELLATION_REASONS =
      List.of("abandoned", "duplicate", "fraudulent", "requested_by_customer");

  /** What confirm reads, also when sent with {@code confirm=true} on create. */
  record Confirm(
      String clientSecret,
      String paymentMethod,
      String returnUrl,
      boolean offSession,
      String setupFutureUsage,
      String receiptEmail,
      String captureMethod,
      boolean errorOnRequiresAction,
      boolean incrementalAuthorization) {
    static Confirm decode(Params p) {
      String pm = p.string("payment_method");
      String returnUrl = p.string("return_url");
      Boolean offSession = p.bool("off_session");
      String future = p.oneOf("setup_future_usage", FUTURE_USAGE);
      String email = p.string("receipt_email");
      String capture = p.oneOf("capture_method", CAPTURE_METHODS);
      Boolean error = p.bool("error_on_requires_action");
      p.raw("mandate");
      p.raw("mandate_data");
      p.raw("use_stripe_sdk");
      boolean incremental = requestsIncrementalAuthorization(p.raw("payment_method_options"));
      p.raw("payment_method_types");
      p.raw("shipping");
      String clientSecret = p.string("client_secret");
      return new Confirm(
          clientSecret,
          pm,
          returnUrl,
          Boolean.TRUE.equals(offSession),
          future,
          email,
          capture,
          Boolean.TRUE.equals(error),
          incremental);
    }

    /** {@code payment_method_options[card][request_incremental_authorization]=if_available}. */
    private static boolean requestsIncrementalAuthorization(Object options) {
      return options instanceof java.util.Map<?, ?> o
          && o.get("card") instanceof java.util.Map<?, ?> card
          && "if_available".equals(card.get("request_incremental_authorization"));
    }
  }

  record Increment(long amount, Metadata metadata, String description) {
    static Increment decode(Params p) {
      Long amount = p.positiveInteger("amount", true);
      Metadata metadata = Metadata.read(p);
      String description = p.string("description", 1000);
      p.raw("statement_descriptor");
      p.raw("application_fee_amount");
      p.raw("transfer_data");
      return new Increment(amount == null ? 0 : amount, metadata, description);
    }
  }

  record Create(
      long amount,
      String currency,
      String customer,
      String paymentMethod,
      String captureMethod,
      String confirmationMethod,
      String setupFutureUsage,
      String description,
      String receiptEmail,
      String statementDescriptor,
      String statementDescriptorSuffix,
      Metadata metadata,
      List<String> paymentMethodTypes,
      JsonNode automaticPaymentMethods,
      JsonNode paymentMethodOptions,
      boolean confirm,
      Confirm confirmation) {
    static Create decode(Params p) {
      Long amount = p.positiveInteger("amount", true);
      String currency = ChargeParams.currency(p);
      if (amount != null && currency != null) {
        ChargeParams.checkAmount(p, "amount", amount, currency);
      }
      String customer = p.string("customer");
      String pm = p.string("payment_method");
      String capture = p.oneOf("capture_method", CAPTURE_METHODS);
      String confirmation = p.oneOf("confirmation_method", List.of("automatic", "manual"));
      String future = p.oneOf("setup_future_usage", FUTURE_USAGE);
      String description = p.string("description", 1000);
      String email = p.string("receipt_email");
      String descriptor = StatementDescriptors.read(p, "statement_descriptor");
      String suffix = StatementDescriptors.read(p, "statement_descriptor_suffix");
      Metadata metadata = Metadata.read(p);
      List<String> types = p.stringList("payment_method_types");
      if (types != null && !types.stream().allMatch("card"::equals)) {
        p.fail(
            Errors.invalid(
                "payment_method_types",
                "Tally takes only card payments: payment_method_types must be [\"card\"]."));
      }
      Params automatic = p.hash("automatic_payment_methods");
      JsonNode automaticMethods = null;
      if (automatic != null) {
        Boolean enabled = automatic.bool("enabled");
        String redirects = automatic.oneOf("allow_redirects", List.of("always", "never"));
        if (Boolean.TRUE.equals(enabled)) {
          automaticMethods =
              Json.object()
                  .put("allow_redirects", redirects == null ? "always" : redirects)
                  .put("enabled", true);
        }
      } else if (types == null) {
        // Since 2023-08-16 an intent without payment_method_types has automatic methods on.
        automaticMethods = Json.object().put("allow_redirects", "always").put("enabled", true);
      }
      Boolean confirm = p.bool("confirm");
      Confirm c = Confirm.decode(p);
      if (c.offSession() && !Boolean.TRUE.equals(confirm)) {
        p.fail(
            Errors.invalid(
                "off_session", "You can only pass off_session when confirm is also set to true."));
      }
      p.raw("shipping");
      p.raw("transfer_group");
      p.raw("application_fee_amount");
      p.raw("on_behalf_of");
      p.raw("transfer_data");
      p.raw("payment_method_configuration");
      p.raw("radar_options");
      return new Create(
          amount == null ? 0 : amount,
          currency,
          customer,
          pm,
          capture == null ? "automatic_async" : capture,
          confirmation == null ? "automatic" : confirmation,
          future,
          description,
          email,
          descriptor,
          suffix,
          metadata,
          types == null ? List.of("card") : types,
          automaticMethods,
          c.incrementalAuthorization() ? cardOptions(true) : cardOptions(),
          Boolean.TRUE.equals(confirm),
          c);
    }
  }

  /** {@code payment_method_options} as Stripe fills it for a card intent. */
  static ObjectNode cardOptions() {
    return cardOptions(false);
  }

  /** The card options, with {@code request_incremental_authorization} when it was asked for. */
  static ObjectNode cardOptions(boolean incremental) {
    ObjectNode card = Json.object();
    if (incremental) {
      card.put("request_incremental_authorization", "if_available");
    }
    card.putNull("installments");
    card.putNull("mandate_options");
    card.putNull("network");
    card.put("request_three_d_secure", "automatic");
    ObjectNode options = Json.object();
    options.set("card", card);
    return options;
  }

  /** A SetupIntent's card options: those of a payment, less installments (a setup has none). */
  static ObjectNode setupCardOptions() {
    ObjectNode options = cardOptions(false);
    ((ObjectNode) options.get("card")).remove("installments");
    return options;
  }

  record Update(
      Long amount,
      String currency,
      String customer,
      String paymentMethod,
      String captureMethod,
      String setupFutureUsage,
      tally.api.Patch<String> description,
      String receiptEmail,
      Metadata metadata) {
    static Update decode(Params p) {
      Long amount = p.positiveInteger("amount", false);
      String currency = p.has("currency") ? ChargeParams.currency(p) : null;
      String customer = p.string("customer");
      String pm = p.string("payment_method");
      String capture = p.oneOf("capture_method", CAPTURE_METHODS);
      String future = p.oneOf("setup_future_usage", FUTURE_USAGE);
      tally.api.Patch<String> description = p.stringPatch("description");
      String email = p.string("receipt_email");
      Metadata metadata = Metadata.read(p);
      p.raw("payment_method_types");
      p.raw("payment_method_options");
      p.raw("shipping");
      p.raw("statement_descriptor");
      p.raw("statement_descriptor_suffix");
      p.raw("transfer_group");
      return new Update(
          amount, currency, customer, pm, capture, future, description, email, metadata);
    }
  }

  record Capture(Long amountToCapture, Metadata metadata) {
    static Capture decode(Params p) {
      Long amount = p.positiveInteger("amount_to_capture", false);
      Metadata metadata = Metadata.read(p);
      p.raw("statement_descriptor");
      p.raw("statement_descriptor_suffix");
      p.raw("final_capture");
      p.raw("application_fee_amount");
      return new Capture(amount, metadata);
    }
  }

  record Cancel(String reason) {
    static Cancel decode(Params p) {
      return new Cancel(p.oneOf("cancellation_reason", CANCELLATION_REASONS));
    }
  }

  record ListFilter(ListParams page, String customer) {
    static ListFilter decode(Params p) {
      return new ListFilter(ListParams.read(p), p.string("customer"));
    }
  }
}
