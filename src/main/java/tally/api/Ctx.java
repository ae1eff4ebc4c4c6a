package tally.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import tally.core.Clock;
import tally.store.Scope;
import tally.store.Table;

/**
 * What a handler may know about its request: the account, the request's transaction, the path
 * parameters, the clock and the outbox for events. Nothing about HTTP.
 */
public record Ctx(
    Account account,
    Handle db,
    Map<String, String> pathParams,
    Clock clock,
    String requestId,
    String idempotencyKey,
    Outbox outbox)
    implements Scope {

  /** The same request acting for {@code accountId} (hosted pages find the account by token). */
  public Ctx forAccount(String accountId) {
    return new Ctx(
        new Account(accountId, false), db, pathParams, clock, requestId, idempotencyKey, outbox);
  }

  /**
   * This request on a test clock: {@code now} is the clock's frozen time (objects of a customer on
   * a test clock are created and fall due on its time). Unchanged for null.
   */
  public Ctx onTestClock(String testClockId) {
    if (testClockId == null || clock.isFrozen()) {
      // Jobs of an advancing clock already run at the clock's (newer) time.
      return this;
    }
    long frozen =
        db.createQuery("SELECT frozen_time FROM test_clocks WHERE account_id = ? AND id = ?")
            .bind(0, accountId())
            .bind(1, testClockId)
            .mapTo(Long.class)
            .findOne()
            .orElseThrow(() -> Errors.noSuch("test_clock", testClockId, "test_clock"));
    return new Ctx(
        account, db, pathParams, Clock.frozenAt(frozen), requestId, idempotencyKey, outbox);
  }

  /** This request at a fixed instant (a renewal made at its period boundary). */
  public Ctx at(long epochSeconds) {
    return new Ctx(
        account, db, pathParams, Clock.frozenAt(epochSeconds), requestId, idempotencyKey, outbox);
  }

  /**
   * This job at {@code due}, when it runs on an advancing test clock whose new time passed {@code
   * due}: what fell due inside one advance happens, and is announced, at its own time. Unchanged on
   * the running clock (the job runs as soon as it is due) or for null.
   */
  public Ctx atDue(Long due) {
    return due != null && clock.isFrozen() && due < now() ? at(due) : this;
  }

  public String path(String name) {
    return pathParams.get(name);
  }

  @Override
  public String accountId() {
    return account.id();
  }

  @Override
  public long now() {
    return clock.nowSeconds();
  }

  /** Records event {@code type} about {@code object} as it is now. */
  public void emit(String type, ApiObject object) {
    outbox.emit(this, type, object, null);
  }

  /**
   * Records {@code type} for a change made by {@code Table.update}: the object as it is now, with
   * the previous values of the fields that changed. Returns the object as it is now.
   */
  public <T extends ApiObject> T emitUpdate(String type, Table.Updated<T> updated) {
    T after = updated.after();
    outbox.emit(this, type, after, Changes.previous(updated.before(), after));
    return after;
  }

  /** Records an {@code *.updated} event with the changed fields' previous values. */
  public void emitUpdate(String type, ApiObject object, ObjectNode previousAttributes) {
    outbox.emit(this, type, object, previousAttributes);
  }
}
