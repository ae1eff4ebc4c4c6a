package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.core.Json;

/** Params of the SetupIntent endpoints. */
final class SetupIntentParams {
  private SetupIntentParams() {}

  static final List<String> USAGE = List.of("off_session", "on_session");

  record Confirm(String clientSecret, String paymentMethod, String returnUrl) {
    static Confirm decode(Params p) {
      String pm = p.string("payment_method");
      String returnUrl = p.string("return_url");
      p.raw("mandate_data");
      p.raw("payment_method_options");
      p.raw("use_stripe_sdk");
      return new Confirm(p.string("client_secret"), pm, returnUrl);
    }
  }

  record Create(
      String customer,
      String paymentMethod,
      String usage,
      String description,
      Metadata metadata,
      List<String> paymentMethodTypes,
      JsonNode automaticPaymentMethods,
      boolean confirm,
      Confirm confirmation) {
    static Create decode(Params p) {
      String customer = p.string("customer");
      String pm = p.string("payment_method");
      String usage = p.oneOf("usage", USAGE);
      String description = p.string("description", 1000);
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
        if (Boolean.TRUE.equals(automatic.bool("enabled"))) {
          automaticMethods = Json.object().put("allow_redirects", "always").put("enabled", true);
        }
        automatic.raw("allow_redirects");
      } else if (types == null) {
        automaticMethods = Json.object().put("allow_redirects", "always").put("enabled", true);
      }
      Boolean confirm = p.bool("confirm");
      Confirm c = Confirm.decode(p);
      p.raw("attach_to_self");
      p.raw("flow_directions");
      p.raw("on_behalf_of");
      p.raw("single_use");
      p.raw("mandate_data");
      return new Create(
          customer,
          pm,
          usage == null ? "off_session" : usage,
          description,
          metadata,
          types == null ? List.of("card") : types,
          automaticMethods,
          Boolean.TRUE.equals(confirm),
          c);
    }
  }

  record Update(String customer, String paymentMethod, String description, Metadata metadata) {
    static Update decode(Params p) {
      String customer = p.string("customer");
      String pm = p.string("payment_method");
      String description = p.string("description", 1000);
      Metadata metadata = Metadata.read(p);
      p.raw("payment_method_types");
      p.raw("payment_method_options");
      p.raw("flow_directions");
      p.raw("attach_to_self");
      return new Update(customer, pm, description, metadata);
    }
  }

  record Cancel(String reason) {
    static Cancel decode(Params p) {
      return new Cancel(
          p.oneOf(
              "cancellation_reason", List.of("abandoned", "duplicate", "requested_by_customer")));
    }
  }

  record ListFilter(ListParams page, String customer, String paymentMethod) {
    static ListFilter decode(Params p) {
      ListFilter f =
          new ListFilter(ListParams.read(p), p.string("customer"), p.string("payment_method"));
      p.raw("attach_to_self");
      return f;
    }
  }
}
