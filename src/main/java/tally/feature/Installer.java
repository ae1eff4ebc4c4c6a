package tally.feature;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import tally.api.Ctx;
import tally.api.DueJob;
import tally.api.Expander;
import tally.api.Outbox;
import tally.core.Clock;
import tally.core.Scheduler;
import tally.http.Router;
import tally.store.Db;

/** What a {@link Feature} installs itself into: the router, expand, the jobs and event types. */
public final class Installer {
  private final Router router;
  private final Expander expander;
  private final Scheduler scheduler;
  private final Db db;
  private final Clock clock;
  private final Outbox outbox;
  private final Set<String> eventTypes = ConcurrentHashMap.newKeySet();

  public Installer(
      Router router, Expander expander, Scheduler scheduler, Db db, Clock clock, Outbox outbox) {
    this.router = router;
    this.expander = expander;
    this.scheduler = scheduler;
    this.db = db;
    this.clock = clock;
    this.outbox = outbox;
  }

  public Router routes() {
    return router;
  }

  public Expander expand() {
    return expander;
  }

  /**
   * A clock-driven job over the feature's own rows: {@code dueQuery} selects {@code account_id, id}
   * of rows due at {@code :now}; {@code action} handles one in its own transaction (see DueJob).
   */
  public void due(String dueQuery, BiPredicate<Ctx, String> action) {
    DueJob job = new DueJob(db, clock, outbox, dueQuery, action);
    dueJobs.add(job);
    scheduler.add(job);
  }

  private final List<DueJob> dueJobs = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Every due job installed so far (test clocks run them on their own time). */
  public List<DueJob> dueJobs() {
    return Collections.unmodifiableList(dueJobs);
  }

  public Outbox outbox() {
    return outbox;
  }

  /** A background job that is not about due rows (webhook delivery, pruning). */
  public void job(Scheduler.Job job) {
    scheduler.add(job);
  }

  /** Event types the feature emits; webhook endpoints may subscribe to exactly these. */
  public void emits(String... types) {
    eventTypes.addAll(List.of(types));
  }

  /** Every type installed so far (read at request time, after all features installed). */
  public Set<String> eventTypes() {
    return Collections.unmodifiableSet(eventTypes);
  }

  private final List<tally.http.Interceptor> interceptors =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * A pipeline step the feature adds, run after the request guard and before routing (the
   * dashboard's pages, the request log): it sees every request and may answer it itself.
   */
  public void intercept(tally.http.Interceptor interceptor) {
    interceptors.add(interceptor);
  }

  public List<tally.http.Interceptor> interceptors() {
    return Collections.unmodifiableList(interceptors);
  }

  public Db db() {
    return db;
  }

  public Clock clock() {
    return clock;
  }
}
