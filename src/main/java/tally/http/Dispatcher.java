package tally.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Expander;
import tally.api.Outbox;
import tally.api.Params;
import tally.core.Clock;
import tally.pages.HtmlPage;

/** The last step: decode the params, run the handler, render the object and expand it. */
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
    Map<String, Object> form = FormDecoder.decode(exchange.request().encodedParams());
    Params params = Params.of(form);
    List<String> expand = params.stringList("expand");
    P decoded = route.decoder().decode(params);
    params.finish();
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
    ApiObject result = route.handler().handle(ctx, decoded);
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
