package tally.dashboard;

import static tally.dashboard.Resource.Kind.ID;
import static tally.dashboard.Resource.Kind.MONEY;
import static tally.dashboard.Resource.Kind.STATUS;
import static tally.dashboard.Resource.Kind.TEXT;
import static tally.dashboard.Resource.Kind.TIME;

import java.util.List;
import java.util.Optional;
import tally.dashboard.Resource.Column;

/** Every table the dashboard shows, in the order of its navigation. */
final class Resources {
  private Resources() {}

  private static Column col(String label, String path, Resource.Kind kind) {
    return new Column(label, path, kind);
  }

  private static final Column ID_COL = col("ID", "id", ID);
  private static final Column CREATED = col("Created", "created", TIME);
  private static final Column CUSTOMER = col("Customer", "customer", ID);

  static final List<Resource> ALL =
      List.of(
          new Resource(
              "payments",
              "Payments",
              "/v1/payment_intents",
              "",
              "/v1/payment_intents/search",
              List.of("pi_"),
              List.of(
                  ID_COL,
                  col("Amount", "amount", MONEY),
                  col("Status", "status", STATUS),
                  CUSTOMER,
                  col("Description", "description", TEXT),
                  CREATED)),
          new Resource(
              "charges",
              "Charges",
              "/v1/charges",
              "",
              "/v1/charges/search",
              List.of("ch_", "py_"),
              List.of(
                  ID_COL,
                  col("Amount", "amount", MONEY),
                  col("Refunded", "amount_refunded", MONEY),
                  col("Status", "status", STATUS),
                  CUSTOMER,
                  col("Description", "description", TEXT),
                  CREATED)),
          new Resource(
              "customers",
              "Customers",
              "/v1/customers",
              "",
              "/v1/customers/search",
              List.of("cus_"),
              List.of(
                  ID_COL,
                  col("Email", "email", TEXT),
                  col("Name", "name", TEXT),
                  col("Test clock", "test_clock", ID),
                  CREATED)),
          new Resource(
              "subscriptions",
              "Subscriptions",
              "/v1/subscriptions",
              "status=all",
              null,
              List.of("sub_"),
              List.of(ID_COL, col("Status", "status", STATUS), CUSTOMER, CREATED)),
          new Resource(
              "invoices",
              "Invoices",
              "/v1/invoices",
              "",
              null,
              List.of("in_"),
              List.of(
                  ID_COL,
                  col("Number", "number", TEXT),
                  col("Amount due", "amount_due", MONEY),
                  col("Status", "status", STATUS),
                  CUSTOMER,
                  CREATED)),
          new Resource(
              "refunds",
              "Refunds",
              "/v1/refunds",
              "",
              null,
              List.of("re_", "pyr_"),
              List.of(
                  ID_COL,
                  col("Amount", "amount", MONEY),
                  col("Status", "status", STATUS),
                  col("Charge", "charge", ID),
                  CREATED)),
          new Resource(
              "disputes",
              "Disputes",
              "/v1/disputes",
              "",
              null,
              List.of("du_", "dp_"),
              List.of(
                  ID_COL,
                  col("Amount", "amount", MONEY),
                  col("Status", "status", STATUS),
                  col("Reason", "reason", TEXT),
                  col("Charge", "charge", ID),
                  CREATED)),
          new Resource(
              "checkout_sessions",
              "Checkout sessions",
              "/v1/checkout/sessions",
              "",
              null,
              List.of("cs_"),
              List.of(
                  ID_COL,
                  col("Total", "amount_total", MONEY),
                  col("Status", "status", STATUS),
                  col("Payment", "payment_status", STATUS),
                  CUSTOMER,
                  CREATED)),
          new Resource(
              "meters",
              "Meters",
              "/v1/billing/meters",
              "",
              null,
              List.of("mtr_"),
              List.of(
                  ID_COL,
                  col("Name", "display_name", TEXT),
                  col("Event", "event_name", TEXT),
                  col("Status", "status", STATUS),
                  CREATED)),
          new Resource(
              "credit_grants",
              "Credit grants",
              "/v1/billing/credit_grants",
              "",
              null,
              List.of("credgr_"),
              List.of(
                  ID_COL,
                  col("Name", "name", TEXT),
                  CUSTOMER,
                  col("Amount", "amount.monetary.value", MONEY),
                  col("Category", "category", TEXT),
                  CREATED)),
          new Resource(
              "events",
              "Events",
              "/v1/events",
              "",
              null,
              List.of("evt_"),
              List.of(
                  ID_COL, col("Type", "type", TEXT), col("Object", "data.object.id", ID), CREATED)),
          new Resource(
              "webhook_endpoints",
              "Webhooks",
              "/v1/webhook_endpoints",
              "",
              null,
              List.of("we_"),
              List.of(ID_COL, col("URL", "url", TEXT), col("Status", "status", STATUS), CREATED)),
          new Resource(
              "test_clocks",
              "Test clocks",
              "/v1/test_helpers/test_clocks",
              "",
              null,
              List.of("clock_"),
              List.of(
                  ID_COL,
                  col("Name", "name", TEXT),
                  col("Frozen time", "frozen_time", TIME),
                  col("Status", "status", STATUS),
                  CREATED)));

  static Optional<Resource> named(String name) {
    return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** The kind of object an id names, by its prefix. */
  static Optional<Resource> forId(String id) {
    return id == null ? Optional.empty() : ALL.stream().filter(r -> r.names(id)).findFirst();
  }
}
