package tally.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.core.Json;

/** Params of the PaymentMethod endpoints. */
final class PaymentMethodParams {
  private PaymentMethodParams() {}

  static final List<String> REDISPLAY = List.of("always", "limited", "unspecified");
  private static final String[] ADDRESS = {
    "city", "country", "line1", "line2", "postal_code", "state"
  };

  /** {@code card[token]} or a test PaymentMethod id as {@code payment_method}. */
  record Create(
      String token,
      String paymentMethod,
      String customer,
      JsonNode billingDetails,
      Metadata metadata,
      String allowRedisplay) {
    static Create decode(Params p) {
      String type = p.oneOf("type", List.of("card"));
      Params card = p.hash("card");
      String token = null;
      if (card != null) {
        token = card.string("token");
        if (card.has("number")) {
          card.raw("number");
          card.raw("exp_month");
          card.raw("exp_year");
          card.raw("cvc");
          p.fail(tally.charges.ChargeParams.RAW_CARD);
        }
      }
      String paymentMethod = p.string("payment_method");
      String customer = p.string("customer");
      if (type == null && paymentMethod == null) {
        p.fail(Errors.missing("type"));
      } else if (type != null && card == null) {
        p.fail(Errors.missing("card"));
      } else if (type != null && token == null) {
        p.fail(Errors.missing("card[token]"));
      }
      return new Create(
          token,
          paymentMethod,
          customer,
          readBillingDetails(p),
          Metadata.read(p),
          p.oneOf("allow_redisplay", REDISPLAY));
    }
  }

  record Update(JsonNode billingDetails, Metadata metadata, String allowRedisplay) {
    static Update decode(Params p) {
      Params card = p.hash("card");
      if (card != null) {
        card.integer("exp_month");
        card.integer("exp_year");
        card.raw("networks");
      }
      return new Update(
          readBillingDetails(p), Metadata.read(p), p.oneOf("allow_redisplay", REDISPLAY));
    }
  }

  record Attach(String customer) {
    static Attach decode(Params p) {
      return new Attach(p.requiredString("customer"));
    }
  }

  record ListFilter(ListParams page, String customer, String type) {
    static ListFilter decode(Params p) {
      return new ListFilter(
          ListParams.read(p), p.string("customer"), p.oneOf("type", List.of("card")));
    }

    static ListFilter decodeForCustomer(Params p) {
      return new ListFilter(ListParams.read(p), null, p.oneOf("type", List.of("card")));
    }
  }

  /** {@code billing_details}: null when absent (every field then renders null). */
  static JsonNode readBillingDetails(Params p) {
    Params b = p.hash("billing_details");
    if (b == null) {
      return null;
    }
    ObjectNode out = Json.object();
    ObjectNode address = Json.object();
    Params a = b.hash("address");
    for (String f : ADDRESS) {
      address.put(f, a == null ? null : a.string(f));
    }
    out.set("address", address);
    out.put("email", b.string("email"));
    out.put("name", b.string("name"));
    out.put("phone", b.string("phone"));
    out.putNull("tax_id");
    return out;
  }

  /** Billing details with nothing known. */
  static JsonNode noBillingDetails() {
    ObjectNode out = Json.object();
    ObjectNode address = Json.object();
    for (String f : ADDRESS) {
      address.putNull(f);
    }
    out.set("address", address);
    out.putNull("email");
    out.putNull("name");
    out.putNull("phone");
    out.putNull("tax_id");
    return out;
  }
}
