package tally.refunds;

import java.util.Map;
import tally.accounts.Account;
import tally.api.Ctx;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.store.Db;

/** The background job that finishes test cards' refunds once their time has come. */
public final class SettleTestRefunds implements Scheduler.Job {
  private final Db db;
  private final Clock clock;
  private final Refunds refunds;

  public SettleTestRefunds(Db db, Clock clock, Refunds refunds) {
    this.db = db;
    this.clock = clock;
    this.refunds = refunds;
  }

  @Override
  public int runDue() {
    int settled = 0;
    for (String[] due : db.read(h -> RefundRecords.due(h, clock.nowSeconds()))) {
      boolean done =
          db.write(h ->
              refunds.settle(
                  new Ctx(new Account(due[0], false), h, Map.of(), clock, null, null), due[1]));
      if (done) {
        settled++;
      }
    }
    return settled;
  }
}
