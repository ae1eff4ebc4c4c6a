package tally.idempotency;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Errors;
import tally.http.ApiResponse;
import tally.http.Exchange;
import tally.http.Interceptor;

/**
 * Before a POST with an {@code Idempotency-Key} waits for the database: the key must fit in 255
 * characters, and a second request with a key that is executing right now in this process gets
 * Stripe's 409 at once (the SDKs retry it and then receive the replay). Across processes the
 * database claim in {@link IdempotencyInterceptor} gives the same guarantee.
 */
public final class KeyInFlightGuard implements Interceptor {
  static final int MAX_LENGTH = 255;
  private final Set<String> executing = ConcurrentHashMap.newKeySet();

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    String key = exchange.request().header("Idempotency-Key");
    if (!"POST".equals(exchange.request().method()) || key == null || exchange.account() == null) {
      return chain.proceed();
    }
    if (key.length() > MAX_LENGTH) {
      throw Errors.invalid(
          null,
          "Invalid Idempotency-Key: it must be at most "
              + MAX_LENGTH
              + " characters long, but it is "
              + key.length()
              + ".");
    }
    String slot = exchange.account().id() + '\n' + key;
    if (!executing.add(slot)) {
      throw new ApiException(
          new ApiError.Conflict(
              "idempotency_key_in_use",
              "There is currently another in-progress request using this Idempotency-Key (that"
                  + " probably means you submitted twice, and that's okay). Please try again"
                  + " later."));
    }
    try {
      return chain.proceed();
    } finally {
      executing.remove(slot);
    }
  }
}
