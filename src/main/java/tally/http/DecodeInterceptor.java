package tally.http;

import java.util.List;
import java.util.Map;
import tally.api.Params;

/**
 * Decodes and validates the params once, before the transaction opens, so that on SQLite the single
 * writer only runs SQL. A validation failure is held, not thrown: the idempotency step still
 * replays or refuses a used key first (Stripe's precedence), and the dispatcher throws it.
 */
public final class DecodeInterceptor implements Interceptor {
  /** The decoded params and {@code expand[]}, or the failure to report once it is our turn. */
  record Decoded(Object params, List<String> expand, RuntimeException failure) {}

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    exchange.decoded = decode(exchange, exchange.match().route());
    return chain.proceed();
  }

  private static <P> Decoded decode(Exchange exchange, Route<P> route) {
    try {
      ApiRequest request = exchange.request();
      Map<String, Object> form =
          V2.is(request.path()) && "POST".equals(request.method())
              ? V2.decode(request.body())
              : FormDecoder.decode(request.encodedParams());
      Params params = Params.of(form);
      List<String> expand = params.stringList("expand");
      P decoded = route.decoder().decode(params);
      params.finish();
      return new Decoded(decoded, expand, null);
    } catch (RuntimeException e) {
      return new Decoded(null, null, e);
    }
  }
}
