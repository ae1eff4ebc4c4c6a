package tally.disputes;

import java.util.List;
import java.util.Map;
import tally.accounts.Account;
import tally.api.Ctx;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.store.Db;
import tally.store.Tx;

/** The background job that gives submitted evidence its test-mode verdict once it falls due. */
public final class ResolveSubmittedEvidence implements Scheduler.Job {
  private final Db db;
  private final Clock clock;
  private final Disputes disputes;

  public ResolveSubmittedEvidence(Db db, Clock clock, Disputes disputes) {
    this.db = db;
    this.clock = clock;
    this.disputes = disputes;
  }

  private record Due(String accountId, String disputeId) {}

  @Override
  public int runDue() {
    List<Due> due =
        db.read(h ->
            h.createQuery("SELECT account_id, id FROM disputes WHERE resolve_at <= :now LIMIT 500")
                .bind("now", clock.nowSeconds())
                .map((rs, c) -> new Due(rs.getString(1), rs.getString(2)))
                .list());
    int resolved = 0;
    for (Due d : due) {
      try (Tx tx = db.beginWrite()) {
        Ctx ctx =
            new Ctx(new Account(d.accountId(), false), tx.handle(), Map.of(), clock, null, null);
        if (disputes.resolve(ctx, d.disputeId())) {
          resolved++;
        }
        tx.commit();
      }
    }
    return resolved;
  }
}
