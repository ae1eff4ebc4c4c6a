package tally.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tally.api.Account;
import tally.api.Errors;
import tally.events.EventLog;

/**
 * The test-mode actions of an object's page. Each is made of the API's own calls where Stripe has
 * one (advancing a test clock, expiring a Checkout Session, settling a dispute with the test
 * evidence {@code winning_evidence}/{@code losing_evidence}); resending an event is the events
 * feature's; failing a customer's next payment does what Stripe's testing guide does, with no API
 * of its own: it makes the decline-on-charge test card ({@code pm_card_chargeCustomerFail}, 4000
 * 0000 0000 0341) the customer's default.
 */
final class Actions {
  /** How far a test clock may be advanced from the dashboard, by label. */
  static final Map<String, Long> ADVANCES =
      new java.util.LinkedHashMap<>(
          Map.of(
              "1 hour", 3600L,
              "1 day", 86_400L,
              "1 week", 7 * 86_400L,
              "1 month", 31 * 86_400L,
              "1 year", 366 * 86_400L));

  private static final Set<String> DISPUTE_OPEN =
      Set.of("needs_response", "warning_needs_response");

  private final ApiCalls api;
  private final EventLog eventLog;

  Actions(ApiCalls api, EventLog eventLog) {
    this.api = api;
    this.eventLog = eventLog;
  }

  List<Views.Action> forObject(Visit visit, Resource r, JsonNode object) {
    String id = object.path("id").asText();
    String status = object.path("status").asText();
    List<Views.Action> out = new ArrayList<>();
    switch (r.name()) {
      case "test_clocks" -> {
        if (status.equals("ready")) {
          out.add(
              action(
                  "advance-clock",
                  "Advance by",
                  "advance_clock",
                  id,
                  "Moves the clock's frozen time forward; its objects' jobs run on the way.",
                  new Views.Hidden("by", "", List.copyOf(ADVANCES.keySet()))));
        }
      }
      case "disputes" -> {
        if (DISPUTE_OPEN.contains(status)) {
          out.add(
              action(
                  "dispute-won",
                  "Close as won",
                  "dispute_won",
                  id,
                  "Submits the test evidence winning_evidence."));
          out.add(
              action(
                  "dispute-lost",
                  "Close as lost",
                  "dispute_lost",
                  id,
                  "Submits the test evidence losing_evidence."));
        }
      }
      case "checkout_sessions" -> {
        if (status.equals("open")) {
          out.add(
              action(
                  "expire-session",
                  "Expire session",
                  "expire_checkout",
                  id,
                  "POST /v1/checkout/sessions/{id}/expire"));
        }
      }
      case "customers" ->
          out.add(
              action(
                  "fail-next-payment",
                  "Fail next payment",
                  "fail_next_payment",
                  id,
                  "Makes the test card 4000 0000 0000 0341 (declines every charge) the default."));
      case "events" -> {
        List<String> endpoints = endpoints(visit.account());
        if (!endpoints.isEmpty()) {
          out.add(
              action(
                  "resend-event",
                  "Resend to",
                  "resend_event",
                  id,
                  "Delivers the event to the endpoint again, now.",
                  new Views.Hidden("endpoint", "", endpoints)));
        }
      }
      default -> {}
    }
    return out;
  }

  private static Views.Action action(
      String domId, String label, String name, String id, String help, Views.Hidden... extra) {
    List<Views.Hidden> fields = new ArrayList<>();
    fields.add(new Views.Hidden("id", id, List.of()));
    fields.addAll(List.of(extra));
    return new Views.Action(domId, label, "/dashboard/actions/" + name, fields, help);
  }

  private List<String> endpoints(Account account) {
    List<String> ids = new ArrayList<>();
    api.get(account, "/v1/webhook_endpoints", "limit=100")
        .path("data")
        .forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }

  /** What an action did: the page it returns to says so by the action's name (no echoed text). */
  record Done(Resource resource, String id, String action) {}

  static final Map<String, String> NOTICES =
      Map.of(
          "advance_clock", "The test clock is advancing.",
          "dispute_won", "Evidence submitted: winning_evidence.",
          "dispute_lost", "Evidence submitted: losing_evidence.",
          "expire_checkout", "The Checkout Session expired.",
          "fail_next_payment",
              "The customer's default card is now 4000 0000 0000 0341: their next payment declines.",
          "resend_event", "The event will be sent again now.");

  /** Runs action {@code name} on the form's {@code id}; API errors propagate as ApiException. */
  Done perform(Account account, String name, Map<String, Object> form) {
    if (account.livemode()) {
      throw Errors.invalid(null, "Test-mode actions are not available with a live key.");
    }
    String id = form.get("id") instanceof String s && !s.isBlank() ? s : null;
    if (id == null) {
      throw Errors.missing("id");
    }
    String seg = ListView.enc(id);
    return switch (name) {
      case "advance_clock" -> {
        Long by = ADVANCES.get(String.valueOf(form.get("by")));
        if (by == null) {
          throw Errors.invalid("by", "Choose how far to advance the clock.");
        }
        String path = "/v1/test_helpers/test_clocks/" + seg;
        long frozen = api.get(account, path, "").path("frozen_time").asLong();
        api.post(account, path + "/advance", "frozen_time=" + (frozen + by));
        yield done("test_clocks", id, name);
      }
      case "dispute_won", "dispute_lost" -> {
        String evidence = name.equals("dispute_won") ? "winning_evidence" : "losing_evidence";
        api.post(
            account,
            "/v1/disputes/" + seg,
            "evidence[uncategorized_text]=" + evidence + "&submit=true");
        yield done("disputes", id, name);
      }
      case "expire_checkout" -> {
        api.post(account, "/v1/checkout/sessions/" + seg + "/expire", "");
        yield done("checkout_sessions", id, name);
      }
      case "fail_next_payment" -> {
        api.posting(
            account,
            calls -> {
              String pm =
                  calls
                      .get(
                          "/v1/payment_methods/pm_card_chargeCustomerFail/attach",
                          "customer=" + seg)
                      .path("id")
                      .asText();
              return calls.get(
                  "/v1/customers/" + seg,
                  "source=tok_chargeCustomerFail&invoice_settings[default_payment_method]="
                      + ListView.enc(pm));
            });
        yield done("customers", id, name);
      }
      case "resend_event" -> {
        String endpoint = String.valueOf(form.get("endpoint"));
        api.write(
            account,
            ctx -> {
              eventLog.resend(ctx, id, endpoint);
              return null;
            });
        yield done("events", id, name);
      }
      default -> throw Errors.invalid(null, "Unknown action.");
    };
  }

  private static Done done(String resource, String id, String action) {
    return new Done(Resources.named(resource).orElseThrow(), id, action);
  }
}
