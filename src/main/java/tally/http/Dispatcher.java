package tally.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import tally.api.ApiException;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.Expander;
import tally.api.Outbox;
import tally.core.Clock;
import tally.pages.HtmlPage;

/** The last step: run the handler on the decoded params, render the object and expand it. */
public final class Dispatcher implements Interceptor {
  private final Clock clock;
  private final Expander expander;
  private final Outbox outbox;

  public Dispatcher(Clock clock, Expander expander, Outbox outbox) {
    this.clock = clock;
    this.expander = expander;
    this.outbox = outbox;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    return dispatch(chain.exchange(), chain.exchange().match().route());
  }

  private <P> ApiResponse dispatch(Exchange exchange, Route<P> route) {
    DecodeInterceptor.Decoded done = exchange.decoded;
    if (done.failure() != null) {
      throw done.failure();
    }
    @SuppressWarnings("unchecked") // decoded by this route's own decoder
    P decoded = (P) done.params();
    List<String> expand = done.expand();
    exchange.executing = true;
    Ctx ctx =
        new Ctx(
            exchange.account(),
            exchange.db(),
            exchange.match().pathParams(),
            clock,
            exchange.requestId(),
            exchange.request().header("Idempotency-Key"),
            outbox);
    ApiObject result;
    try {
      result = route.handler().handle(ctx, decoded);
    } catch (ApiException e) {
      throw Errors.namedByPath(e, ctx.pathParams());
    }
    if (result instanceof tally.pages.FileDownload file) {
      return ApiResponse.file(file.contentType(), file.bytes());
    }
    if (result instanceof HtmlPage page) {
      ApiResponse response = ApiResponse.html(page.status(), page.html());
      if (page.redirect() != null) {
        response.withHeader("Location", page.redirect());
      }
      return response;
    }
    ObjectNode json = result.toJson();
    if (expand != null && !expand.isEmpty()) {
      expander.expand(ctx, json, expand);
    }
    return ApiResponse.ok(json);
  }
}
