package tally.testclocks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.api.ListQuery;
import tally.api.Params;
import tally.core.Ids;
import tally.customers.Customers;
import tally.store.Table;

/**
 * Test clocks: create, retrieve, list, advance and delete. Advancing marks the clock {@code
 * advancing}; {@link TestClockAdvancer} then runs every job due on it up to the target time and
 * makes it {@code ready}. Deleting a clock deletes its customers, as Stripe does.
 */
final class TestClocks {
  static final Table<TestClock> TABLE = Table.of("test_clocks", TestClock.class);

  /** Stripe deletes a test clock 30 days after it was created. */
  static final long LIFETIME_SECONDS = 30 * 86_400;

  private final Customers customers;

  TestClocks(Customers customers) {
    this.customers = customers;
  }

  record Create(long frozenTime, String name) {
    static Create decode(Params p) {
      Long frozen = p.requiredInteger("frozen_time");
      String name = p.string("name", 300);
      return new Create(frozen == null ? 0 : frozen, name);
    }
  }

  record Advance(long frozenTime) {
    static Advance decode(Params p) {
      Long frozen = p.requiredInteger("frozen_time");
      return new Advance(frozen == null ? 0 : frozen);
    }
  }

  TestClock create(Ctx ctx, Create p) {
    TestClock clock =
        TABLE.insert(
            ctx,
            new TestClock(
                Ids.newId("clock_"),
                ctx.now(),
                p.name(),
                p.frozenTime(),
                null,
                TestClockStatus.READY,
                ctx.now() + LIFETIME_SECONDS));
    ctx.emit("test_helpers.test_clock.created", clock);
    return clock;
  }

  TestClock retrieve(Ctx ctx, String id) {
    return TABLE.find(ctx, id).orElseThrow(() -> Errors.noSuch("test_clock", id, "test_clock"));
  }

  ListPage list(Ctx ctx, ListParams page) {
    return new ListQuery<>(TABLE.name(), "test_helpers.test_clock", ctx.accountId(), TABLE.mapper())
        .page(ctx.db(), page, "/v1/test_helpers/test_clocks");
  }

  /** Starts moving the clock to {@code frozen_time}: only forward, and only when ready. */
  TestClock advance(Ctx ctx, String id, Advance p) {
    TestClock clock =
        TABLE
            .findForUpdate(ctx, id)
            .orElseThrow(() -> Errors.noSuch("test_clock", id, "test_clock"));
    if (clock.status() != TestClockStatus.READY) {
      throw Errors.invalid(
          "test_clock_status_invalid",
          null,
          "Test clock " + id + " is " + clock.status().wire() + "; wait until it is ready.");
    }
    if (p.frozenTime() <= clock.frozenTime()) {
      throw Errors.invalid(
          "frozen_time",
          "The frozen_time must be after the test clock's current frozen_time ("
              + clock.frozenTime()
              + ").");
    }
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("target_frozen_time", p.frozenTime());
    TestClock advancing =
        TABLE
            .transition(ctx, id, TestClockStatus.READY, TestClockStatus.ADVANCING, set)
            .orElseThrow();
    ctx.emit("test_helpers.test_clock.advancing", advancing);
    return advancing;
  }

  /** The clock has reached its target: ready again, at the new time. */
  boolean finishAdvance(Ctx ctx, String id) {
    return TABLE
        .findForUpdate(ctx, id)
        .filter(c -> c.status() == TestClockStatus.ADVANCING)
        .flatMap(c -> {
          Map<String, Object> set = new LinkedHashMap<>();
          set.put("frozen_time", c.targetFrozenTime());
          set.put("target_frozen_time", null);
          return TABLE.transition(ctx, id, TestClockStatus.ADVANCING, TestClockStatus.READY, set);
        })
        .map(ready -> {
          ctx.emit("test_helpers.test_clock.ready", ready);
          return true;
        })
        .orElse(false);
  }

  ApiObject delete(Ctx ctx, String id) {
    TestClock clock = retrieve(ctx, id);
    customers.deleteAllOnTestClock(ctx, id);
    ctx.db()
        .createUpdate("DELETE FROM test_clocks WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .execute();
    ctx.emit("test_helpers.test_clock.deleted", clock);
    return ApiObject.of(() -> TestClock.deletedStub(id));
  }

  TestClock retrieveIfPresent(Ctx ctx, String id) {
    return TABLE.find(ctx, id).orElse(null);
  }

  boolean exists(Ctx ctx, String id) {
    return TABLE.find(ctx, id).isPresent();
  }

  /** Clocks waiting to advance, of every account: {@code account_id, id, target}. */
  record Advancing(String accountId, String id, long target) {}

  static List<Advancing> advancing(org.jdbi.v3.core.Handle h) {
    return h.createQuery(
            "SELECT account_id, id, target_frozen_time FROM test_clocks WHERE status ="
                + " 'advancing'")
        .map((rs, c) -> new Advancing(rs.getString(1), rs.getString(2), rs.getLong(3)))
        .list();
  }
}
