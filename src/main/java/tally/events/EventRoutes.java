package tally.events;

import java.util.Set;
import tally.api.ListParams;
import tally.http.Decoder;
import tally.http.Router;

/** {@code /v1/events} and {@code /v1/webhook_endpoints}. */
public final class EventRoutes {
  private EventRoutes() {}

  public static void register(
      Router r, Events events, WebhookEndpoints endpoints, Set<String> eventTypes) {
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
  }
}
