package tally.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import tally.api.ApiError;

/** Counts requests in flight for the drain; one arriving while stopping gets a JSON 503. */
final class DrainingHandler extends GracefulHandler {
  DrainingHandler(Handler handler) {
    super(handler);
  }

  @Override
  protected void handleShutdownRejection(Request request, Response response, Callback callback) {
    response.setStatus(503);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    response.getHeaders().put("Stripe-Should-Retry", "true");
    ApiError stopping =
        new ApiError.ApiFailure("Tally is shutting down and takes no new requests; retry shortly.");
    response.write(true, ByteBuffer.wrap(JsonBodies.error(stopping)), callback);
  }
}
