package tally.http;

import tally.api.ApiException;
import tally.store.Db;
import tally.store.Tx;

/**
 * A request's database work is one transaction: writes (POST, DELETE) commit before the response
 * leaves, so an acknowledged write is durable; any failure rolls everything back unless the error
 * says its writes must stay (a declined charge).
 */
public final class TransactionInterceptor implements Interceptor {
  private final Db db;

  public TransactionInterceptor(Db db) {
    this.db = db;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    boolean write = !"GET".equals(exchange.request().method());
    try (Tx tx = write ? db.beginWrite() : db.beginRead()) {
      exchange.tx = tx;
      try {
        ApiResponse response = chain.proceed();
        tx.commit();
        return response;
      } catch (ApiException e) {
        if (e.keepWrites()) {
          tx.commit();
        }
        throw e;
      }
    } finally {
      exchange.tx = null;
    }
  }
}
