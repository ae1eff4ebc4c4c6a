package tally.api;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.store.Db;

/**
 * A background job over rows that became due on the clock: {@code dueQuery} selects {@code
 * account_id, id} of due rows (binding {@code :now}); each row is then handled in its own write
 * transaction, as its account, so one failure never holds back the others.
 *
 * <p>A query whose rows may live on a test clock says where with {@code <clock>}: on the wall clock
 * it selects rows on no test clock; advancing a test clock runs it for that clock's rows only, with
 * {@code :now} at the clock's new time.
 */
public final class DueJob implements Scheduler.Job {
  private static final String CLOCK = "<clock>";

  private final Db db;
  private final Clock clock;
  private final String wallQuery;
  private final String testClockQuery;
  private final BiPredicate<Ctx, String> action;
  private final Outbox outbox;

  public DueJob(
      Db db, Clock clock, Outbox outbox, String dueQuery, BiPredicate<Ctx, String> action) {
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
    this.wallQuery = dueQuery.replace(CLOCK, "test_clock IS NULL");
    this.testClockQuery =
        dueQuery.contains(CLOCK)
            ? dueQuery.replace(CLOCK, "account_id = :account AND test_clock = :test_clock")
            : null;
    this.action = action;
  }

  private record Due(String accountId, String id) {}

  @Override
  public int runDue() {
    return run(wallQuery, Map.of(), clock);
  }

  /** Runs the job for the rows on one test clock, at {@code now}; 0 if its rows never are. */
  public int runOnTestClock(String accountId, String testClockId, long now) {
    if (testClockQuery == null) {
      return 0;
    }
    return run(
        testClockQuery,
        Map.of("account", accountId, "test_clock", testClockId),
        Clock.frozenAt(now));
  }

  private int run(String query, Map<String, String> binds, Clock at) {
    List<Due> due =
        db.read(h -> {
          var q = h.createQuery(query).bind("now", at.nowSeconds());
          binds.forEach(q::bind);
          return q.map((rs, c) -> new Due(rs.getString(1), rs.getString(2))).list();
        });
    int done = 0;
    for (Due d : due) {
      boolean handled =
          db.write(h ->
              action.test(
                  new Ctx(new Account(d.accountId(), false), h, Map.of(), at, null, null, outbox),
                  d.id()));
      if (handled) {
        done++;
      }
    }
    return done;
  }
}
