package tally.subscriptions;

import java.util.ArrayList;
import java.util.List;
import tally.api.Errors;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;

/** Params of the subscription endpoints. */
final class SubscriptionParams {
  private SubscriptionParams() {}

  record Item(String price, long quantity) {}

  /** A one-time price for the first invoice only ({@code add_invoice_items}). */
  record OneTime(String price, long quantity, String description) {}

  record Create(
      String customer,
      List<Item> items,
      Long trialEnd,
      Long trialPeriodDays,
      String defaultPaymentMethod,
      String paymentBehavior,
      String collectionMethod,
      Long daysUntilDue,
      String description,
      Metadata metadata,
      Long billingCycleAnchor,
      Subscription.AnchorConfig anchorConfig,
      boolean prorate,
      String trialMissingPaymentMethod,
      List<OneTime> addInvoiceItems) {
    static Create decode(Params p) {
      String customer = p.requiredString("customer");
      List<Item> items = new ArrayList<>();
      List<Params> raw = p.hashList("items");
      if (raw == null || raw.isEmpty()) {
        p.fail(Errors.missing("items"));
      } else {
        for (Params i : raw) {
          String price = i.requiredString("price");
          Long quantity = i.positiveInteger("quantity", false);
          i.raw("metadata");
          i.raw("tax_rates");
          items.add(new Item(price, quantity == null ? 1 : quantity));
        }
      }
      Long trialEnd = null;
      if ("now".equals(p.raw("trial_end"))) {
        trialEnd = null;
      } else if (p.has("trial_end")) {
        trialEnd = p.integer("trial_end");
      }
      Long trialDays = p.integer("trial_period_days");
      String pm = p.string("default_payment_method");
      String behavior =
          p.oneOf(
              "payment_behavior",
              List.of(
                  "allow_incomplete",
                  "default_incomplete",
                  "error_if_incomplete",
                  "pending_if_incomplete"));
      if ("pending_if_incomplete".equals(behavior)) {
        p.fail(
            Errors.invalid(
                "payment_behavior",
                "payment_behavior=pending_if_incomplete can only be used when updating a"
                    + " subscription."));
      }
      String collection =
          p.oneOf("collection_method", List.of("charge_automatically", "send_invoice"));
      Long days = p.integer("days_until_due");
      if ("send_invoice".equals(collection) && days == null) {
        p.fail(
            Errors.invalid(
                "days_until_due",
                "`days_until_due` is required when `collection_method` is `send_invoice`."));
      }
      String description = p.string("description", 500);
      Metadata metadata = Metadata.read(p);
      Long anchor = p.integer("billing_cycle_anchor");
      Subscription.AnchorConfig config = anchorConfig(p);
      if (anchor != null && config != null) {
        p.fail(
            Errors.invalid(
                "billing_cycle_anchor",
                "You may only specify one of these parameters: billing_cycle_anchor,"
                    + " billing_cycle_anchor_config."));
      }
      String proration = p.oneOf("proration_behavior", List.of("create_prorations", "none"));
      String missing = null;
      Params trial = p.hash("trial_settings");
      Params end = trial == null ? null : trial.hash("end_behavior");
      if (end != null) {
        missing = end.oneOf("missing_payment_method", List.of("cancel", "create_invoice", "pause"));
      }
      List<OneTime> oneTime = new ArrayList<>();
      List<Params> added = p.hashList("add_invoice_items");
      if (added != null) {
        for (Params i : added) {
          String price = i.requiredString("price");
          Long quantity = i.positiveInteger("quantity", false);
          oneTime.add(new OneTime(price, quantity == null ? 1 : quantity, null));
        }
      }
      p.raw("expand");
      p.raw("automatic_tax");
      p.raw("payment_settings");
      p.raw("off_session");
      p.raw("cancel_at_period_end");
      return new Create(
          customer,
          items,
          trialEnd,
          trialDays,
          pm,
          behavior == null ? "allow_incomplete" : behavior,
          collection == null ? "charge_automatically" : collection,
          days,
          description,
          metadata,
          anchor,
          config,
          !"none".equals(proration),
          missing,
          oneTime);
    }

    private static Subscription.AnchorConfig anchorConfig(Params p) {
      Params c = p.hash("billing_cycle_anchor_config");
      if (c == null) {
        return null;
      }
      return new Subscription.AnchorConfig(
          bounded(c, "day_of_month", 1, 31, true),
          bounded(c, "hour", 0, 23, false),
          bounded(c, "minute", 0, 59, false),
          bounded(c, "month", 1, 12, false),
          bounded(c, "second", 0, 59, false));
    }

    private static Long bounded(Params p, String name, long min, long max, boolean required) {
      Long v = required ? p.requiredInteger(name) : p.integer(name);
      if (v != null && (v < min || v > max)) {
        p.fail(
            Errors.invalid(
                p.path(name),
                "Invalid " + p.path(name) + ": must be between " + min + " and " + max + "."));
      }
      return v;
    }
  }

  /** An item change: {@code id} names the item to change (else the subscription's only one). */
  record ItemChange(String id, String price, Long quantity) {}

  record Update(
      Boolean cancelAtPeriodEnd,
      String defaultPaymentMethod,
      String description,
      Metadata metadata,
      List<ItemChange> items,
      String prorationBehavior,
      boolean resetAnchor,
      Pause pause) {
    static Update decode(Params p) {
      Boolean cancel = p.bool("cancel_at_period_end");
      String pm = p.string("default_payment_method");
      String description = p.string("description", 500);
      Metadata metadata = Metadata.read(p);
      List<ItemChange> changes = new ArrayList<>();
      List<Params> raw = p.hashList("items");
      if (raw != null) {
        for (Params i : raw) {
          changes.add(
              new ItemChange(
                  i.string("id"), i.string("price"), i.positiveInteger("quantity", false)));
          i.raw("metadata");
          i.raw("deleted");
        }
      }
      String proration =
          p.oneOf("proration_behavior", List.of("always_invoice", "create_prorations", "none"));
      boolean resetAnchor =
          "now".equals(p.oneOf("billing_cycle_anchor", List.of("now", "unchanged")));
      Pause pause = null;
      if (p.isEmpty("pause_collection")) {
        p.raw("pause_collection");
        pause = Pause.RESUME;
      } else {
        Params h = p.hash("pause_collection");
        if (h != null) {
          String behavior = h.oneOf("behavior", Pause.BEHAVIORS);
          if (behavior == null && !h.has("behavior")) {
            h.fail(Errors.missing(h.path("behavior")));
          }
          pause = new Pause(behavior, h.integer("resumes_at"));
        }
      }
      p.raw("cancellation_details");
      p.raw("payment_behavior");
      p.raw("proration_date");
      return new Update(
          cancel,
          pm,
          description,
          metadata,
          changes,
          proration == null ? "create_prorations" : proration,
          resetAnchor,
          pause);
    }
  }

  /** A {@code pause_collection} change; {@link #RESUME} ({@code pause_collection=''}) clears it. */
  record Pause(String behavior, Long resumesAt) {
    static final List<String> BEHAVIORS = List.of("keep_as_draft", "mark_uncollectible", "void");
    static final Pause RESUME = new Pause(null, null);
  }

  /** {@code POST /v1/subscriptions/{id}/resume}: {@code billing_cycle_anchor} now (default). */
  record Resume(boolean resetAnchor) {
    static Resume decode(Params p) {
      String anchor = p.oneOf("billing_cycle_anchor", List.of("now", "unchanged"));
      p.oneOf("proration_behavior", List.of("always_invoice", "create_prorations", "none"));
      p.raw("proration_date");
      p.raw("expand");
      return new Resume(!"unchanged".equals(anchor));
    }
  }

  record ListFilter(ListParams page, String customer, String status) {
    static ListFilter decode(Params p) {
      ListFilter f =
          new ListFilter(
              ListParams.read(p),
              p.string("customer"),
              p.oneOf(
                  "status",
                  List.of(
                      "active",
                      "all",
                      "canceled",
                      "ended",
                      "incomplete",
                      "incomplete_expired",
                      "past_due",
                      "paused",
                      "trialing",
                      "unpaid")));
      p.raw("price");
      p.raw("test_clock");
      p.raw("collection_method");
      return f;
    }
  }
}
