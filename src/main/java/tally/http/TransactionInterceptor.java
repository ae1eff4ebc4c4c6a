package tally.http;

import tally.store.Db;

/**
 * A request's database work is one transaction: writes (POST, DELETE) commit before the response
 * leaves, so an acknowledged write is durable; any failure rolls everything back unless the error
 * says its writes must stay (a declined charge). On SQLite, concurrent requests' transactions are
 * committed together (group commit, see {@link Db#write}).
 */
public final class TransactionInterceptor implements Interceptor {
  private final Db db;

  public TransactionInterceptor(Db db) {
    this.db = db;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    boolean write =
        exchange.match() != null
            ? exchange.match().route().writes()
            : !"GET".equals(exchange.request().method());
    try {
      return write
          ? db.write(handle -> {
            exchange.db = handle;
            return chain.proceed();
          })
          : db.read(handle -> {
            exchange.db = handle;
            return chain.proceed();
          });
    } finally {
      exchange.db = null;
    }
  }
}
