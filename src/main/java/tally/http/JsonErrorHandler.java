package tally.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tally.api.ApiError;

/**
 * What Jetty answers itself (a URL or headers too long, a request line it cannot parse, a failure
 * outside the pipeline) in Stripe's error JSON rather than Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
    response.write(true, ByteBuffer.wrap(JsonBodies.error(errorFor(code))), callback);
  }

  /** Stripe's envelope for a status Jetty chose; 5xx is an {@code api_error}, never details. */
  static ApiError errorFor(int status) {
    String message =
        switch (status) {
          case 400 ->
              "The request could not be parsed as HTTP: check its request line and headers.";
          case 405 -> "This method is not allowed: Tally serves GET, POST and DELETE.";
          case 413 -> RequestBody.tooLarge().message();
          case 414 ->
              "The request URL is too long: Tally accepts request lines up to 8 KB. Send"
                  + " parameters in a POST body instead.";
          case 431 ->
              "The request headers are too large: Tally accepts up to 8 KB of headers in all.";
          default -> null;
        };
    if (status >= 500 || status < 400) {
      return new ApiError.ApiFailure("An unknown error occurred");
    }
    return new ApiError.InvalidRequest(
        status, null, null, message != null ? message : "The request could not be handled.");
  }
}
