package tally;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import tally.accounts.Accounts;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.DueJob;
import tally.api.Expander;
import tally.balance.BalanceRoutes;
import tally.balance.Ledger;
import tally.billing.BillingRoutes;
import tally.catalog.CatalogRoutes;
import tally.catalog.Prices;
import tally.catalog.Products;
import tally.charges.Captures;
import tally.charges.ChargeRoutes;
import tally.charges.Charges;
import tally.checkout.CheckoutRoutes;
import tally.checkout.CheckoutSessions;
import tally.core.Clock;
import tally.core.Json;
import tally.core.Scheduler;
import tally.credits.CreditGrants;
import tally.credits.CreditRoutes;
import tally.customers.CustomerRoutes;
import tally.customers.Customers;
import tally.disputes.DisputeRoutes;
import tally.disputes.Disputes;
import tally.events.EventRoutes;
import tally.events.Events;
import tally.events.WebhookDispatcher;
import tally.events.WebhookEndpoints;
import tally.http.AuthInterceptor;
import tally.http.Decoder;
import tally.http.Dispatcher;
import tally.http.HttpServer;
import tally.http.Interceptor;
import tally.http.Pipeline;
import tally.http.RequestIdInterceptor;
import tally.http.RouteInterceptor;
import tally.http.Router;
import tally.http.TransactionInterceptor;
import tally.idempotency.IdempotencyInterceptor;
import tally.idempotency.IdempotencyKeys;
import tally.idempotency.KeyInFlightGuard;
import tally.portal.PortalConfigurations;
import tally.portal.PortalRoutes;
import tally.portal.PortalSessions;
import tally.refunds.RefundRecords;
import tally.refunds.RefundRoutes;
import tally.refunds.Refunds;
import tally.store.Db;

/** The whole server, wired by hand: database, features, routes, pipeline, HTTP, jobs. */
public final class App implements AutoCloseable {
  /** How to run: where to listen, which database, which clock. */
  public record Config(
      String host,
      int port,
      String db,
      Clock clock,
      long jobPeriodMillis,
      List<Interceptor> outerInterceptors,
      String publicUrl) {
    public Config(String host, int port, String db, Clock clock, long jobPeriodMillis) {
      this(host, port, db, clock, jobPeriodMillis, List.of(), null);
    }
  }

  private final Db db;
  private final Clock clock;
  private final Accounts accounts;
  private final Scheduler scheduler = new Scheduler(e -> tally.store.DbFailure.of(e).isPresent());
  private final HttpServer http;
  private final String publicUrl;

  private App(Config config) {
    this.clock = config.clock();
    this.publicUrl = config.publicUrl();
    this.db = Db.open(config.db());
    this.accounts = new Accounts(db, clock);
    Router router = new Router();
    Expander expander = new Expander();

    WebhookEndpoints webhookEndpoints = new WebhookEndpoints();
    Events events = new Events(webhookEndpoints);
    EventRoutes.register(router, events, webhookEndpoints);
    scheduler.add(new WebhookDispatcher(db, clock));
    // Every clock-driven job: which rows are due, and what to do with each (see DueJob).
    BiFunction<String, BiPredicate<Ctx, String>, DueJob> due =
        (query, action) -> new DueJob(db, clock, events, query, action);
    Ledger ledger = new Ledger();
    Customers customers = new Customers();
    Charges charges = new Charges(ledger, customers);
    Captures captures = new Captures(charges, ledger);

    router.open("GET", "/healthz", Decoder.none(), (ctx, p) -> ApiObject.of(App::health));
    ChargeRoutes.register(router, expander, charges, captures);
    CustomerRoutes.register(router, expander, customers);
    Refunds refunds = new Refunds(charges, ledger, new RefundRecords());
    RefundRoutes.register(router, expander, refunds);
    captures.onRelease(refunds::recordRelease);
    scheduler.add(
        due.apply(
            "SELECT account_id, id FROM refunds WHERE due_at <= :now LIMIT 500", refunds::settle));
    BalanceRoutes.register(router, expander, ledger);
    scheduler.add(
        due.apply(
            "SELECT account_id, MIN(id) FROM balance_transactions WHERE announced = FALSE AND"
                + " available_on <= :now GROUP BY account_id",
            BalanceRoutes::announceAvailable));
    BillingRoutes billing = new BillingRoutes();
    billing.register(router, expander);
    Prices prices = new Prices(billing.meters());
    Products products = new Products(prices);
    CatalogRoutes.register(router, expander, products, prices);
    PortalConfigurations portalConfigurations = new PortalConfigurations();
    PortalRoutes.register(
        router,
        expander,
        portalConfigurations,
        new PortalSessions(portalConfigurations, customers, this::publicUrl),
        customers,
        charges);
    CheckoutSessions checkout = new CheckoutSessions(prices, products, customers, this::publicUrl);
    CheckoutRoutes.register(router, expander, checkout, charges);
    scheduler.add(
        due.apply(
            "SELECT account_id, id FROM checkout_sessions WHERE status = 'open' AND expires_at <="
                + " :now LIMIT 500",
            checkout::expireDue));
    CreditGrants creditGrants = new CreditGrants(customers, prices);
    CreditRoutes.register(router, expander, creditGrants);
    scheduler.add(
        due.apply(
            "SELECT account_id, id FROM credit_grants WHERE closed = FALSE AND expires_at <= :now"
                + " LIMIT 500",
            creditGrants::expireDue));
    scheduler.add(
        due.apply(
            "SELECT account_id, id FROM charges WHERE captured = FALSE AND refunded = FALSE AND"
                + " status = 'succeeded' AND capture_before <= :now LIMIT 500",
            captures::expire));
    IdempotencyKeys idempotencyKeys = new IdempotencyKeys();
    scheduler.add(IdempotencyKeys.pruner(db, clock));
    Disputes disputes = new Disputes(charges, ledger);
    charges.onCapture(disputes::open);
    refunds.addGuard((ctx, charge) -> disputes.refuseRefundIfDisputed(ctx, charge.id()));
    DisputeRoutes.register(router, expander, disputes);
    scheduler.add(
        due.apply(
            "SELECT account_id, id FROM disputes WHERE resolve_at <= :now LIMIT 500",
            disputes::resolve));

    List<Interceptor> steps = new ArrayList<>(config.outerInterceptors());
    steps.addAll(
        List.of(
            new RequestIdInterceptor(),
            new RouteInterceptor(router),
            new AuthInterceptor(accounts),
            new KeyInFlightGuard(),
            new TransactionInterceptor(db),
            new IdempotencyInterceptor(idempotencyKeys, clock),
            new Dispatcher(clock, expander, events)));
    Pipeline pipeline = new Pipeline(steps);
    this.http = new HttpServer(config.host(), config.port(), pipeline);
  }

  private static ObjectNode health() {
    return Json.object().put("status", "ok");
  }

  public static App start(Config config) throws Exception {
    App app = open(config);
    app.listen(config);
    return app;
  }

  /** Opens the database and wires everything, without accepting requests yet. */
  public static App open(Config config) {
    return new App(config);
  }

  /** Starts HTTP and the background jobs; /healthz answers from here on. */
  public void listen(Config config) throws Exception {
    http.start();
    if (config.jobPeriodMillis() > 0) {
      scheduler.start(config.jobPeriodMillis());
    }
  }

  /** Where hosted pages are reached: --public-url, else this server on localhost. */
  public String publicUrl() {
    return publicUrl != null ? publicUrl : "http://127.0.0.1:" + http.port();
  }

  public int port() {
    return http.port();
  }

  public Clock clock() {
    return clock;
  }

  public Accounts accounts() {
    return accounts;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public Db db() {
    return db;
  }

  @Override
  public void close() {
    scheduler.close();
    http.close();
    db.close();
  }
}
