package tally.events;

import tally.api.Outbox;
import tally.feature.Feature;
import tally.feature.Installer;

/** Events, webhook endpoints and signed delivery; the outbox every other feature emits into. */
public final class EventsFeature implements Feature {
  private final WebhookEndpoints endpoints = new WebhookEndpoints();
  private final Events events = new Events(endpoints);

  public Outbox outbox() {
    return events;
  }

  @Override
  public void install(Installer in) {
    EventRoutes.register(in.routes(), events, endpoints, in.eventTypes());
    in.job(new WebhookDispatcher(in.db(), in.clock()));
  }
}
