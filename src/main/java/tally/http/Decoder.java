package tally.http;

import tally.api.Params;

/** Turns the decoded form into an endpoint's params record, with Stripe's validation. */
@FunctionalInterface
public interface Decoder<P> {
  P decode(Params params);

  /** For endpoints that take nothing but {@code expand}. */
  static Decoder<NoParams> none() {
    return params -> NoParams.INSTANCE;
  }

  /** The params of endpoints that take none. */
  enum NoParams {
    INSTANCE
  }
}
