package tally.http;

import tally.api.ApiObject;
import tally.api.Ctx;

/** An endpoint's logic: decoded params in, a Stripe object out (or an ApiException). */
@FunctionalInterface
public interface Handler<P> {
  ApiObject handle(Ctx ctx, P params);
}
