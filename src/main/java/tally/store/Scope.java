package tally.store;

import org.jdbi.v3.core.Handle;

/** Where a store call runs: the request's transaction, its account and the clock's now. */
public interface Scope {
  Handle db();

  String accountId();

  long now();
}
