package tally.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Json;

/** Params of the customer endpoints; create and update read the same fields. */
final class CustomerParams {
  private CustomerParams() {}

  static final List<String> TAX_EXEMPT = List.of("exempt", "none", "reverse");
  private static final String[] ADDRESS = {
    "city", "country", "line1", "line2", "postal_code", "state"
  };

  record Fields(
      Patch<String> email,
      Patch<String> name,
      Patch<String> phone,
      Patch<String> description,
      Long balance,
      String taxExempt,
      List<String> preferredLocales,
      Patch<JsonNode> address,
      Patch<JsonNode> shipping,
      Metadata metadata,
      String source,
      String defaultSource,
      Patch<String> defaultPaymentMethod,
      Long nextInvoiceSequence,
      String testClock) {

    static Fields decode(Params p) {
      return read(p, false);
    }

    static Fields decodeUpdate(Params p) {
      return read(p, true);
    }

    private static Fields read(Params p, boolean update) {
      Patch<String> email = limited(p, "email", 512);
      Patch<String> name = limited(p, "name", 256);
      Patch<String> phone = limited(p, "phone", 20);
      Patch<String> description = limited(p, "description", 350);
      Long balance = p.integer("balance");
      String taxExempt = p.oneOf("tax_exempt", TAX_EXEMPT);
      List<String> locales = p.stringList("preferred_locales");
      Patch<JsonNode> address = address(p, "address");
      Patch<JsonNode> shipping = shipping(p);
      Metadata metadata = Metadata.read(p);
      String source = p.string("source");
      String defaultSource = update ? p.string("default_source") : null;
      p.raw("payment_method");
      Params invoiceSettings = p.hash("invoice_settings");
      Patch<String> defaultPaymentMethod =
          invoiceSettings == null
              ? Patch.absent()
              : invoiceSettings.stringPatch("default_payment_method");
      if (invoiceSettings != null) {
        invoiceSettings.raw("custom_fields");
        invoiceSettings.raw("footer");
        invoiceSettings.raw("rendering_options");
      }
      p.raw("tax");
      Long nextInvoiceSequence = p.integer("next_invoice_sequence");
      if (nextInvoiceSequence != null && nextInvoiceSequence < 1) {
        p.fail(
            tally.api.Errors.invalid(
                "next_invoice_sequence",
                "This value must be greater than or equal to 1 (it is the suffix of the"
                    + " customer's next invoice number)."));
      }
      String testClock = update ? null : p.string("test_clock");
      if (update && p.has("test_clock")) {
        p.raw("test_clock");
        p.fail(tally.api.Errors.unknownParameter("test_clock"));
      }
      return new Fields(
          email,
          name,
          phone,
          description,
          balance,
          taxExempt,
          locales,
          address,
          shipping,
          metadata,
          source,
          defaultSource,
          defaultPaymentMethod,
          nextInvoiceSequence,
          testClock);
    }

    private static Patch<String> limited(Params p, String name, int max) {
      Patch<String> value = p.stringPatch(name);
      if (value instanceof Patch.Set<String> set && set.value().length() > max) {
        p.fail(
            tally.api.Errors.invalid(
                name, "Invalid " + name + ": must be at most " + max + " characters"));
        return Patch.absent();
      }
      return value;
    }

    private static Patch<JsonNode> address(Params p, String name) {
      if (p.isEmpty(name)) {
        p.raw(name);
        return new Patch.Clear<>();
      }
      Params a = p.hash(name);
      if (a == null) {
        return Patch.absent();
      }
      ObjectNode out = Json.object();
      for (String f : ADDRESS) {
        out.put(f, a.string(f));
      }
      return new Patch.Set<>(out);
    }

    private static Patch<JsonNode> shipping(Params p) {
      if (p.isEmpty("shipping")) {
        p.raw("shipping");
        return new Patch.Clear<>();
      }
      Params s = p.hash("shipping");
      if (s == null) {
        return Patch.absent();
      }
      ObjectNode out = Json.object();
      Patch<JsonNode> address = address(s, "address");
      if (!(address instanceof Patch.Set<JsonNode> set)) {
        s.fail(tally.api.Errors.missing("shipping[address]"));
        return Patch.absent();
      }
      out.set("address", set.value());
      out.put("name", s.requiredString("name"));
      out.put("phone", s.string("phone"));
      return new Patch.Set<>(out);
    }
  }

  record ListFilter(ListParams page, String email, String testClock) {
    static ListFilter decode(Params p) {
      return new ListFilter(ListParams.read(p), p.string("email"), p.string("test_clock"));
    }
  }
}
