package tally.billing;

import tally.api.Expander;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;
import tally.thinevents.ThinEvents;

/** Meters, meter events, adjustments, summaries and usage alerts. */
public final class BillingFeature implements Feature {
  private final Meters meters = new Meters();
  private final Alerts alerts = new Alerts(meters);
  private final MeterEvents events;
  private final MeterEventsV2 eventsV2;
  private final MeterEventSessions sessions = new MeterEventSessions();
  private final MeterSummaries summaries = new MeterSummaries(meters);
  private final MeterUsage usage = new MeterUsage(meters);

  /** Meter events name customers; those on a test clock send usage in the clock's time. */
  public BillingFeature(ThinEvents thinEvents, Customers customers) {
    this.events = new MeterEvents(meters, alerts, new MeterErrorReports(thinEvents), customers);
    this.eventsV2 = new MeterEventsV2(events);
  }

  /** Customers' usage per meter and period, for invoices. */
  public MeterUsage usage() {
    return usage;
  }

  public Meters meters() {
    return meters;
  }

  public Alerts alerts() {
    return alerts;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
    r.post("/v1/billing/meters", MeterParams.Create::decode, meters::create);
    r.get("/v1/billing/meters", MeterParams.ListFilter::decode, meters::list);
    r.get(
        "/v1/billing/meters/{id}",
        Decoder.none(),
        (ctx, p) -> meters.retrieve(ctx, ctx.path("id")));
    r.post(
        "/v1/billing/meters/{id}",
        MeterParams.Update::decode,
        (ctx, p) -> meters.update(ctx, ctx.path("id"), p));
    r.post(
        "/v1/billing/meters/{id}/deactivate",
        Decoder.none(),
        (ctx, p) -> meters.transition(ctx, ctx.path("id"), "active", "inactive"));
    r.post(
        "/v1/billing/meters/{id}/reactivate",
        Decoder.none(),
        (ctx, p) -> meters.transition(ctx, ctx.path("id"), "inactive", "active"));
    r.get(
        "/v1/billing/meters/{id}/event_summaries",
        MeterSummaries.Query::decode,
        (ctx, q) -> summaries.list(ctx, ctx.path("id"), q));
    r.post("/v1/billing/meter_events", MeterEventParams.Create::decode, events::create);
    r.post("/v1/billing/meter_event_adjustments", MeterEventParams.Adjust::decode, events::cancel);

    sessions.connect(in.db(), in.clock());
    r.post("/v2/billing/meter_event_session", Decoder.none(), (ctx, p) -> sessions.create(ctx));
    r.post("/v2/billing/meter_event_stream", MeterEventParams.Stream::decode, eventsV2::stream)
        .withTokenAuth(sessions::authenticate);
    r.post("/v2/billing/meter_events", MeterEventParams.Create::decodeV2, eventsV2::create);
    r.post(
        "/v2/billing/meter_event_adjustments", MeterEventParams.Adjust::decode, eventsV2::adjust);

    r.post("/v1/billing/alerts", AlertParams.Create::decode, alerts::create);
    r.get("/v1/billing/alerts", AlertParams.ListFilter::decode, alerts::list);
    r.get(
        "/v1/billing/alerts/{id}",
        Decoder.none(),
        (ctx, p) -> alerts.retrieve(ctx, ctx.path("id")));
    r.post(
        "/v1/billing/alerts/{id}/activate",
        Decoder.none(),
        (ctx, p) -> alerts.activate(ctx, ctx.path("id")));
    r.post(
        "/v1/billing/alerts/{id}/deactivate",
        Decoder.none(),
        (ctx, p) -> alerts.deactivate(ctx, ctx.path("id")));
    r.post(
        "/v1/billing/alerts/{id}/archive",
        Decoder.none(),
        (ctx, p) -> alerts.archive(ctx, ctx.path("id")));

    x.finder("mtr_", (ctx, id) -> meters.find(ctx, id).orElse(null));
    x.expandable("billing.alert", "usage_threshold.meter");
    in.emits(
        "billing.meter.created",
        "billing.meter.updated",
        "billing.meter.deactivated",
        "billing.meter.reactivated",
        "billing.alert.triggered");
  }
}
