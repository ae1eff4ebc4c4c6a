package tally.dashboard;

import tally.auth.Accounts;
import tally.billing.Meters;
import tally.events.EventLog;
import tally.feature.Feature;
import tally.feature.Installer;

/**
 * The dashboard at {@code /dashboard} and the request log behind its objects' pages. It reads and
 * acts through the API's routes and the features' public facades, never their tables.
 */
public final class DashboardFeature implements Feature {
  private final Accounts accounts;
  private final EventLog eventLog;
  private final Meters meters;

  public DashboardFeature(Accounts accounts, EventLog eventLog, Meters meters) {
    this.accounts = accounts;
    this.eventLog = eventLog;
    this.meters = meters;
  }

  @Override
  public void install(Installer in) {
    ApiCalls api = new ApiCalls(in.routes(), in.db(), in.clock(), in.outbox());
    RequestLog requestLog = new RequestLog(in.db(), in.clock());
    Actions actions = new Actions(api, eventLog);
    ObjectView objects = new ObjectView(api, eventLog, requestLog, actions, meters);
    in.intercept(requestLog);
    in.intercept(
        new DashboardRoutes(
            accounts, new Sessions(in.db(), in.clock()), api, eventLog, objects, actions));
  }
}
