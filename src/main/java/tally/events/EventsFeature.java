package tally.events;

import java.util.Set;
import tally.api.ListParams;
import tally.api.Outbox;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Events, webhook endpoints and signed delivery; the outbox every other feature emits into. */
public final class EventsFeature implements Feature {
  private final WebhookEndpoints endpoints = new WebhookEndpoints();
  private final Events events = new Events(endpoints);
  private final EventLog log = new EventLog();

  public Outbox outbox() {
    return events;
  }

  /** Timelines, deliveries and resends, for the dashboard. */
  public EventLog log() {
    return log;
  }

  /** Deliveries still to be made, to any endpoint of any account (not those given up on). */
  public static long webhookBacklog(tally.store.Db db) {
    return db.read(h ->
        h.createQuery(
                "SELECT COUNT(*) FROM webhook_deliveries WHERE delivered = FALSE"
                    + " AND next_attempt_at IS NOT NULL")
            .mapTo(Long.class)
            .one());
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Set<String> eventTypes = in.eventTypes();
    r.get("/v1/events", Events.ListFilter::decode, events::list);
    r.get("/v1/events/{id}", Decoder.none(), (ctx, p) -> events.retrieve(ctx, ctx.path("id")));
    r.post(
        "/v1/webhook_endpoints",
        p -> WebhookEndpoints.Fields.decodeCreate(p, eventTypes),
        endpoints::create);
    r.get("/v1/webhook_endpoints", ListParams::read, endpoints::list);
    r.get(
        "/v1/webhook_endpoints/{webhook_endpoint}",
        Decoder.none(),
        (ctx, p) -> endpoints.retrieve(ctx, ctx.path("webhook_endpoint")));
    r.post(
        "/v1/webhook_endpoints/{webhook_endpoint}",
        p -> WebhookEndpoints.Fields.decodeUpdate(p, eventTypes),
        (ctx, p) -> endpoints.update(ctx, ctx.path("webhook_endpoint"), p));
    r.delete(
        "/v1/webhook_endpoints/{webhook_endpoint}",
        Decoder.none(),
        (ctx, p) -> endpoints.delete(ctx, ctx.path("webhook_endpoint")));

    in.job(new WebhookDispatcher(in.db(), in.clock()));
  }
}
