package tally.billing;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Why Stripe would not count an event, with the code and message of its error report (the codes of
 * {@code v1.billing.meter.error_report_triggered}). {@code meter} is null for {@code no_meter}.
 */
record MeterEventProblem(
    Meter meter, String eventName, String identifier, String code, String message) {

  /**
   * What is wrong with an event for {@code meter} at {@code timestamp} (received {@code now});
   * {@code customerFound} says whether the customer the payload names exists in the account.
   */
  static Optional<MeterEventProblem> of(
      Optional<Meter> meter,
      MeterEventParams.Create p,
      String identifier,
      long timestamp,
      long now,
      boolean customerFound) {
    String name = p.eventName();
    if (meter.isEmpty()) {
      return Optional.of(
          new MeterEventProblem(
              null,
              name,
              identifier,
              "no_meter",
              "No meter was found matching event_name " + tally.api.Echo.bounded(name) + "."));
    }
    Meter m = meter.get();
    if (timestamp < now - MeterEvents.PAST_WINDOW) {
      return problem(m, p, identifier, "timestamp_too_far_in_past", MeterEvents.TOO_OLD);
    }
    if (timestamp > now + MeterEvents.FUTURE_WINDOW) {
      return problem(m, p, identifier, "timestamp_in_future", MeterEvents.TOO_NEW);
    }
    if (!m.active()) {
      return problem(m, p, identifier, "archived_meter", "Meter " + m.id() + " is inactive.");
    }
    String customer = p.payload().get(m.customerKey());
    if (customer == null || customer.isBlank()) {
      return problem(
          m,
          p,
          identifier,
          "meter_event_no_customer_defined",
          "Customer mapping key " + m.customerKey() + " not found in payload.");
    }
    if (!customerFound) {
      return problem(
          m,
          p,
          identifier,
          "meter_event_customer_not_found",
          "Customer " + tally.api.Echo.bounded(customer) + " not found.");
    }
    String value = p.payload().get(m.valueKey());
    if (value == null) {
      return "count".equals(m.formula())
          ? Optional.empty()
          : problem(
              m,
              p,
              identifier,
              "meter_event_value_not_found",
              "Value key " + m.valueKey() + " not found in payload.");
    }
    if (number(value) == null) {
      return problem(
          m,
          p,
          identifier,
          "meter_event_invalid_value",
          "Value "
              + tally.api.Echo.bounded(value)
              + " for key "
              + m.valueKey()
              + " is not a valid non-negative number.");
    }
    return Optional.empty();
  }

  private static Optional<MeterEventProblem> problem(
      Meter m, MeterEventParams.Create p, String identifier, String code, String message) {
    return Optional.of(new MeterEventProblem(m, p.eventName(), identifier, code, message));
  }

  /** The value as a plain non-negative number, or null. */
  static String number(String text) {
    if (text == null) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text.trim());
      return value.signum() < 0 ? null : value.toPlainString();
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
