package tally.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.core.Ids;

/**
 * First step: names the request, turns every failure into Stripe's error JSON (never a stack trace
 * on the wire), adds the response headers every answer carries, and logs one line per request.
 */
public final class RequestIdInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("tally.access");
  public static final String DEFAULT_API_VERSION = "2026-03-25.dahlia";

  /**
   * An unexpected failure: a conflict with another transaction is Stripe's 429 {@code
   * lock_timeout}, a database outage a 500; both rolled back, so clients are told to retry.
   */
  private static ApiResponse failure(Exchange exchange, Throwable e) {
    var kind = tally.store.DbFailure.of(e).orElse(null);
    if (kind == tally.store.DbFailure.CONFLICT) {
      LOG.warn("request {} conflicted with another: {}", exchange.requestId, e.toString());
      return ApiResponse.error(
              new ApiError.InvalidRequest(
                  429,
                  "lock_timeout",
                  null,
                  "This object cannot be accessed right now because another API request or Stripe"
                      + " process is currently accessing it. If you see this error"
                      + " intermittently, retry the request."))
          .withHeader("Stripe-Should-Retry", "true");
    }
    if (kind == tally.store.DbFailure.UNAVAILABLE) {
      LOG.warn("request {} failed, database unavailable: {}", exchange.requestId, e.toString());
      return ApiResponse.error(new ApiError.ApiFailure("An unknown error occurred"))
          .withHeader("Stripe-Should-Retry", "true");
    }
    LOG.error("request {} failed", exchange.requestId, e);
    return ApiResponse.error(new ApiError.ApiFailure("An unknown error occurred"));
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    exchange.requestId = "req_" + Ids.random(14);
    long start = System.nanoTime();
    ApiResponse response;
    try {
      response = chain.proceed();
    } catch (ApiException e) {
      response = ApiResponse.error(e.error());
    } catch (RuntimeException | Error e) {
      response = failure(exchange, e);
    }
    ApiRequest request = exchange.request();
    if (response.status() >= 400 && V2.is(request.path())) {
      V2.toV2Error(response.body());
    }
    response.withHeader("Request-Id", exchange.requestId);
    String version = request.header("Stripe-Version");
    response.withHeader("Stripe-Version", version == null ? DEFAULT_API_VERSION : version);
    String key = request.header("Idempotency-Key");
    if (key != null && "POST".equals(request.method())) {
      response.headers().putIfAbsent("Idempotency-Key", key);
    }
    if (LOG.isInfoEnabled()) {
      LOG.info(
          "{} {} {} {} {}ms",
          exchange.requestId,
          request.method(),
          LoggedPath.of(request, exchange.match()),
          response.status(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return response;
  }
}
