package tally.http;

import tally.api.ApiError;
import tally.api.ApiException;

/** Finds the endpoint; an unknown path or method is Stripe's "Unrecognized request URL". */
public final class RouteInterceptor implements Interceptor {
  private final Router router;

  public RouteInterceptor(Router router) {
    this.router = router;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    ApiRequest request = exchange.request();
    exchange.match = router.match(request.method(), request.path());
    if (exchange.match == null) {
      throw new ApiException(
          new ApiError.InvalidRequest(
              404,
              null,
              null,
              "Unrecognized request URL ("
                  + request.method()
                  + ": "
                  + request.path()
                  + "). Please see https://stripe.com/docs or we can help at"
                  + " https://support.stripe.com/."));
    }
    return chain.proceed();
  }
}
