package tally.api;

import java.util.Map;
import org.jdbi.v3.core.Handle;
import tally.accounts.Account;
import tally.core.Clock;

/**
 * What a handler may know about its request: the account, the request's transaction, the path
 * parameters and the clock. Nothing about HTTP.
 */
public record Ctx(
    Account account,
    Handle db,
    Map<String, String> pathParams,
    Clock clock,
    String requestId,
    String idempotencyKey) {

  public String path(String name) {
    return pathParams.get(name);
  }

  public String accountId() {
    return account.id();
  }

  public long now() {
    return clock.nowSeconds();
  }
}
