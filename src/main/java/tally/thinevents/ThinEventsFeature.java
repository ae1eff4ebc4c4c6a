package tally.thinevents;

import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Stripe's v2 event stream: {@code /v2/core/events}, fed by other features' thin events. */
public final class ThinEventsFeature implements Feature {
  private final ThinEvents events = new ThinEvents();

  public ThinEvents events() {
    return events;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    r.get("/v2/core/events", ThinEvents.Query::decode, events::list);
    r.get("/v2/core/events/{id}", Decoder.none(), (ctx, p) -> events.retrieve(ctx, ctx.path("id")));
  }
}
