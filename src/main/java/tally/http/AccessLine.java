package tally.http;

import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;
import tally.api.Echo;

/**
 * One line per request. The message is the short text form; the key-value pairs (shown by {@code
 * --log-format json}) add the account, a 4xx's error code and the idempotency key. Neither holds a
 * key or a hosted page's token: the path is {@link LoggedPath}'s masked one.
 */
final class AccessLine {
  private AccessLine() {}

  static void log(Logger log, Exchange exchange, ApiResponse response, long millis) {
    ApiRequest request = exchange.request();
    String path = LoggedPath.of(request, exchange.match());
    LoggingEventBuilder line =
        log.atInfo()
            .addKeyValue("request_id", exchange.requestId())
            .addKeyValue("method", request.method())
            .addKeyValue("path", path)
            .addKeyValue("status", response.status())
            .addKeyValue("duration_ms", millis);
    if (exchange.account() != null) {
      line = line.addKeyValue("account", exchange.account().id());
    }
    String code = errorCode(response);
    if (code != null) {
      line = line.addKeyValue("error_code", code);
    }
    String idempotencyKey = request.header("Idempotency-Key");
    if (idempotencyKey != null) {
      line = line.addKeyValue("idempotency_key", Echo.bounded(idempotencyKey));
    }
    line.log(
        "{} {} {} {} {}ms",
        exchange.requestId(),
        request.method(),
        path,
        response.status(),
        millis);
  }

  /** A 4xx's error code, or its type where Stripe gives no code (a missing key's 401). */
  private static String errorCode(ApiResponse response) {
    if (response.status() < 400 || response.status() >= 500 || response.body() == null) {
      return null;
    }
    var error = response.body().path("error");
    String code = error.path("code").asText(null);
    return code != null ? code : error.path("type").asText(null);
  }
}
