package tally.invoices;

import java.util.List;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;

/** Params of the invoice endpoints. */
final class InvoiceParams {
  private InvoiceParams() {}

  static final List<String> COLLECTION = List.of("charge_automatically", "send_invoice");

  record Create(
      String customer,
      String currency,
      boolean includePending,
      boolean autoAdvance,
      String collectionMethod,
      Long daysUntilDue,
      String description,
      String defaultPaymentMethod,
      Metadata metadata) {
    static Create decode(Params p) {
      String customer = p.requiredString("customer");
      String currency = p.string("currency");
      String pending = p.oneOf("pending_invoice_items_behavior", List.of("exclude", "include"));
      Boolean auto = p.bool("auto_advance");
      String collection = p.oneOf("collection_method", COLLECTION);
      Long days = p.integer("days_until_due");
      if ("send_invoice".equals(collection) && days == null && !p.has("due_date")) {
        p.fail(
            Errors.invalid(
                "days_until_due",
                "Invoices with `collection_method=send_invoice` need `days_until_due` or"
                    + " `due_date`."));
      }
      String description = p.string("description", 1500);
      String pm = p.string("default_payment_method");
      Metadata metadata = Metadata.read(p);
      p.raw("due_date");
      p.raw("subscription");
      p.raw("auto_advance");
      p.raw("footer");
      p.raw("custom_fields");
      p.raw("automatic_tax");
      return new Create(
          customer,
          currency,
          "include".equals(pending),
          Boolean.TRUE.equals(auto),
          collection == null ? "charge_automatically" : collection,
          days,
          description,
          pm,
          metadata);
    }
  }

  record Update(
      String description, Boolean autoAdvance, String defaultPaymentMethod, Metadata metadata) {
    static Update decode(Params p) {
      Update u =
          new Update(
              p.string("description", 1500),
              p.bool("auto_advance"),
              p.string("default_payment_method"),
              Metadata.read(p));
      p.raw("footer");
      p.raw("custom_fields");
      return u;
    }
  }

  record ListFilter(
      ListParams page, String customer, String status, String subscription, String collection) {
    static ListFilter decode(Params p) {
      return new ListFilter(
          ListParams.read(p),
          p.string("customer"),
          p.oneOf("status", List.of("draft", "open", "paid", "uncollectible", "void")),
          p.string("subscription"),
          p.oneOf("collection_method", COLLECTION));
    }
  }

  record Preview(String customer, String subscription) {
    static Preview decode(Params p) {
      Preview preview = new Preview(p.requiredString("customer"), p.string("subscription"));
      p.raw("subscription_details");
      p.raw("automatic_tax");
      p.raw("preview_mode");
      return preview;
    }
  }

  record PaymentsFilter(ListParams page, String invoice) {
    static PaymentsFilter decode(Params p) {
      PaymentsFilter f = new PaymentsFilter(ListParams.read(p), p.string("invoice"));
      p.raw("payment");
      p.raw("status");
      return f;
    }
  }
}
