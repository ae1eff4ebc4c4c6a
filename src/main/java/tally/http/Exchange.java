package tally.http;

import org.jdbi.v3.core.Handle;
import tally.api.Account;

/** One request's state as it passes the interceptors; each step fills in what it learns. */
public final class Exchange {
  private final ApiRequest request;
  String requestId;
  Account account;
  Router.Match match;
  Handle db;
  boolean executing;
  DecodeInterceptor.Decoded decoded;
  String apiVersion;

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

  /** The request's transaction (null before the transaction step). */
  public Handle db() {
    return db;
  }

  /** The API version that shapes the answer: the request's, else the account's default. */
  public String apiVersion() {
    return apiVersion;
  }

  /** True once the params passed validation and the handler began: its outcome is final. */
  public boolean executing() {
    return executing;
  }
}
