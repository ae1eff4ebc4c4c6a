package tally.idempotency;

import java.util.LinkedHashMap;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.core.Clock;
import tally.core.Json;
import tally.http.ApiRequest;
import tally.http.ApiResponse;
import tally.http.Exchange;
import tally.http.Interceptor;

/**
 * Idempotent POSTs, inside the request's transaction: the key is claimed before the handler runs
 * and the response is stored before commit, so the stored result and the domain writes commit or
 * vanish together. Errors raised once execution began are stored too (their writes rolled back to a
 * savepoint); validation errors are not, so a corrected retry with the same key executes.
 */
public final class IdempotencyInterceptor implements Interceptor {
  private static final String SAVEPOINT = "idempotent_execution";
  private final IdempotencyKeys keys;
  private final Clock clock;

  public IdempotencyInterceptor(IdempotencyKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    ApiRequest request = exchange.request();
    String key = request.header("Idempotency-Key");
    if (!"POST".equals(request.method()) || key == null || exchange.account() == null) {
      return chain.proceed();
    }
    Handle h = exchange.db();
    String account = exchange.account().id();
    String fingerprint = ParamsFingerprint.of(request.body());
    // Claim first: a new key (the common case) costs one statement; a used one a second.
    boolean claimed =
        keys.claim(
            h,
            account,
            key,
            request.method(),
            request.path(),
            fingerprint,
            exchange.requestId(),
            clock.nowSeconds());
    if (!claimed) {
      Optional<StoredResponse> prior = keys.find(h, account, key);
      if (prior.isPresent()) {
        return replay(prior.get(), request, key, fingerprint);
      }
    }
    h.savepoint(SAVEPOINT);
    try {
      ApiResponse response = chain.proceed();
      h.releaseSavepoint(SAVEPOINT);
      keys.complete(h, account, key, response.status(), Json.write(response.body()));
      return response;
    } catch (ApiException e) {
      if (!exchange.executing()) {
        throw e;
      }
      if (e.keepWrites()) {
        h.releaseSavepoint(SAVEPOINT);
      } else {
        h.rollbackToSavepoint(SAVEPOINT);
      }
      ApiResponse stored = ApiResponse.error(e.error());
      keys.complete(h, account, key, stored.status(), Json.write(stored.body()));
      throw new ApiException(e.error(), true);
    }
  }

  private static ApiResponse replay(
      StoredResponse prior, ApiRequest request, String key, String fingerprint) {
    if (!prior.method().equals(request.method()) || !prior.path().equals(request.path())) {
      throw new ApiException(
          new ApiError.Idempotency(
              "Keys for idempotent requests can only be used for the same endpoint they were"
                  + " first used for ('"
                  + prior.path()
                  + "' vs '"
                  + request.path()
                  + "'). Try using a key other than '"
                  + key
                  + "' if you meant to execute a different request."));
    }
    if (!prior.paramsHash().equals(fingerprint)) {
      throw new ApiException(
          new ApiError.Idempotency(
              "Keys for idempotent requests can only be used with the same parameters they were"
                  + " first used with. Try using a key other than '"
                  + key
                  + "' if you meant to execute a different request."));
    }
    if (prior.status() == null) {
      throw new ApiException(
          new ApiError.Conflict(
              "idempotency_key_in_use",
              "There is currently another in-progress request using this Idempotency-Key. Please"
                  + " try again later."));
    }
    ApiResponse response =
        new ApiResponse(prior.status(), Json.tree(prior.body()), new LinkedHashMap<>());
    response.withHeader("Idempotent-Replayed", "true");
    response.withHeader("Original-Request", prior.requestId());
    return response;
  }
}
