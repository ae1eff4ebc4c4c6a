package tally.charges;

import java.util.List;
import java.util.Map;
import tally.accounts.Account;
import tally.api.Ctx;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.store.Db;

/** The background job that releases authorizations left uncaptured past their seven days. */
public final class ExpireUncaptured implements Scheduler.Job {
  private final Db db;
  private final Clock clock;
  private final Captures captures;

  public ExpireUncaptured(Db db, Clock clock, Captures captures) {
    this.db = db;
    this.clock = clock;
    this.captures = captures;
  }

  private record Due(String accountId, String chargeId) {}

  @Override
  public int runDue() {
    List<Due> due =
        db.read(h ->
            h.createQuery(
                    "SELECT account_id, id FROM charges WHERE captured = FALSE AND refunded ="
                        + " FALSE AND status = 'succeeded' AND capture_before <= :now LIMIT 500")
                .bind("now", clock.nowSeconds())
                .map((rs, c) -> new Due(rs.getString(1), rs.getString(2)))
                .list());
    int expired = 0;
    for (Due d : due) {
      boolean done =
          db.write(h ->
              captures.expire(
                  new Ctx(new Account(d.accountId(), false), h, Map.of(), clock, null, null),
                  d.chargeId()));
      if (done) {
        expired++;
      }
    }
    return expired;
  }
}
