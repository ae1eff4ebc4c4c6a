package tally.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tally.api.ApiError;

/** Adapts each HTTP exchange to the {@link Pipeline}: reads the body, writes JSON or a page. */
final class PipelineHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineHandler.class);
  private final Pipeline pipeline;

  PipelineHandler(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    ApiResponse apiResponse;
    try {
      apiResponse = pipeline.handle(toApiRequest(request));
    } catch (RuntimeException | Error e) {
      // The pipeline answers its own failures; this is the last guard against an HTML 500.
      LOG.error("request failed outside the pipeline", e);
      apiResponse = ApiResponse.error(new ApiError.ApiFailure("An unknown error occurred"));
    }
    response.setStatus(apiResponse.status());
    if (apiResponse.file() != null) {
      apiResponse.headers().forEach((k, v) -> response.getHeaders().put(k, v));
      response.write(true, ByteBuffer.wrap(apiResponse.file()), callback);
      return true;
    }
    if (apiResponse.html() != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
      apiResponse.headers().forEach((k, v) -> response.getHeaders().put(k, v));
      response.write(
          true, ByteBuffer.wrap(apiResponse.html().getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
    response.getHeaders().put("Access-Control-Allow-Origin", "*");
    apiResponse.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.write(true, ByteBuffer.wrap(JsonBodies.write(apiResponse.body())), callback);
    return true;
  }

  private static ApiRequest toApiRequest(Request request) {
    Map<String, String> headers = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), field.getValue());
    }
    RequestBody.Read body = RequestBody.read(request);
    return new ApiRequest(
        request.getMethod(),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        body.text() == null ? "" : body.text(),
        headers,
        body.problem());
  }
}
