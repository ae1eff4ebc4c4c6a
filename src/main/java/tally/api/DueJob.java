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
 */
public final class DueJob implements Scheduler.Job {
  private final Db db;
  private final Clock clock;
  private final String dueQuery;
  private final BiPredicate<Ctx, String> action;
  private final Outbox outbox;

  public DueJob(
      Db db, Clock clock, Outbox outbox, String dueQuery, BiPredicate<Ctx, String> action) {
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
    this.dueQuery = dueQuery;
    this.action = action;
  }

  private record Due(String accountId, String id) {}

  @Override
  public int runDue() {
    List<Due> due =
        db.read(h ->
            h.createQuery(dueQuery)
                .bind("now", clock.nowSeconds())
                .map((rs, c) -> new Due(rs.getString(1), rs.getString(2)))
                .list());
    int done = 0;
    for (Due d : due) {
      boolean handled =
          db.write(h ->
              action.test(
                  new Ctx(
                      new Account(d.accountId(), false), h, Map.of(), clock, null, null, outbox),
                  d.id()));
      if (handled) {
        done++;
      }
    }
    return done;
  }
}
