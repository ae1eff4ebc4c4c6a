package tally.http;

import tally.api.ApiVersions;
import tally.auth.Accounts;

/**
 * Settles the request's API version once its account is known: the {@code Stripe-Version} header if
 * it names a published version (Stripe's 400 otherwise), else the account's default.
 */
public final class ApiVersionInterceptor implements Interceptor {
  private final Accounts accounts;

  public ApiVersionInterceptor(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    if (exchange.account() == null) {
      return chain.proceed();
    }
    String header = exchange.request().header("Stripe-Version");
    exchange.apiVersion =
        header == null || header.isBlank()
            ? accounts.defaultVersion(exchange.account().id())
            : ApiVersions.check(header);
    return chain.proceed();
  }
}
