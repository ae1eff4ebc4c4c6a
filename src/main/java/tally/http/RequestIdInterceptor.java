package tally.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.ApiVersions;
import tally.core.Ids;

/**
 * First step: names the request, turns every failure into Stripe's error JSON (never a stack trace
 * on the wire), adds the response headers every answer carries, and logs one line per request.
 */
public final class RequestIdInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("tally.access");

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

  /**
   * The version that shaped the answer; before it was settled (no key, a page), the header's if it
   * is a published one, else the current version.
   */
  private static String versionOf(Exchange exchange) {
    if (exchange.apiVersion != null) {
      return exchange.apiVersion;
    }
    String header = exchange.request().header("Stripe-Version");
    return ApiVersions.isKnown(header) ? header : ApiVersions.CURRENT;
  }

  private final Metrics metrics;

  public RequestIdInterceptor(Metrics metrics) {
    this.metrics = metrics;
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
    response.withHeader("Stripe-Version", versionOf(exchange));
    String key = request.header("Idempotency-Key");
    if (key != null && "POST".equals(request.method())) {
      response.headers().putIfAbsent("Idempotency-Key", key);
    }
    long nanos = System.nanoTime() - start;
    Router.Match match = exchange.match();
    metrics.request(
        request.method(),
        match == null ? "unmatched" : match.route().template(),
        response.status(),
        nanos);
    if (LOG.isInfoEnabled()) {
      AccessLine.log(LOG, exchange, response, nanos / 1_000_000);
    }
    return response;
  }
}
