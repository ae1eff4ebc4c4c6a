package tally.http;

import tally.accounts.Account;
import tally.store.Tx;

/** One request's state as it passes the interceptors; each step fills in what it learns. */
public final class Exchange {
  private final ApiRequest request;
  String requestId;
  Account account;
  Router.Match match;
  Tx tx;
  boolean executing;

  Exchange(ApiRequest request) {
    this.request = request;
  }

  public ApiRequest request() {
    return request;
  }

  public String requestId() {
    return requestId;
  }

  public Account account() {
    return account;
  }

  public Router.Match match() {
    return match;
  }

  public Tx tx() {
    return tx;
  }

  /** True once the params passed validation and the handler began: its outcome is final. */
  public boolean executing() {
    return executing;
  }
}
