package tally.testclocks;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tally.api.Account;
import tally.api.Ctx;
import tally.api.DueJob;
import tally.api.Outbox;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.store.Db;

/**
 * Moves advancing test clocks: every installed due job runs for the clock's rows at the target
 * time, again and again while one of them still finds work (a handled row may make another due),
 * then the clock is ready. Unlike Stripe there is no limit on how far one advance goes; every job
 * runs at the target time rather than at each intermediate instant.
 */
final class TestClockAdvancer implements Scheduler.Job {
  private static final int MAX_ROUNDS = 1_000;

  private final Db db;
  private final Outbox outbox;
  private final Supplier<List<DueJob>> jobs;
  private final TestClocks clocks;

  TestClockAdvancer(Db db, Outbox outbox, Supplier<List<DueJob>> jobs, TestClocks clocks) {
    this.db = db;
    this.outbox = outbox;
    this.jobs = jobs;
    this.clocks = clocks;
  }

  @Override
  public int runDue() {
    int done = 0;
    for (TestClocks.Advancing a : db.read(TestClocks::advancing)) {
      for (int round = 0; round < MAX_ROUNDS; round++) {
        int handled = 0;
        for (DueJob job : jobs.get()) {
          handled += job.runOnTestClock(a.accountId(), a.id(), a.target());
        }
        if (handled == 0) {
          break;
        }
      }
      boolean ready =
          db.write(h ->
              clocks.finishAdvance(
                  new Ctx(
                      new Account(a.accountId(), false),
                      h,
                      Map.of(),
                      Clock.frozenAt(a.target()),
                      null,
                      null,
                      outbox),
                  a.id()));
      if (ready) {
        done++;
      }
    }
    return done;
  }
}
