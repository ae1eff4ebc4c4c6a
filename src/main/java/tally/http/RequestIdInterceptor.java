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

  /** A lost or refused database connection (SQLState class 08, or a pool timeout). */
  static boolean databaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
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
      LOG.error("request {} failed", exchange.requestId, e);
      response = ApiResponse.error(new ApiError.ApiFailure("An unknown error occurred"));
      if (databaseUnavailable(e)) {
        // Nothing was committed, and the database may be back any moment: clients should retry.
        response.withHeader("Stripe-Should-Retry", "true");
      }
    }
    ApiRequest request = exchange.request();
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
          request.path(),
          response.status(),
          (System.nanoTime() - start) / 1_000_000);
    }
    return response;
  }
}
