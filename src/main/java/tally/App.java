package tally;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import tally.accounts.AccountsFeature;
import tally.api.ApiObject;
import tally.api.Expander;
import tally.auth.Accounts;
import tally.balance.BalanceFeature;
import tally.billing.BillingFeature;
import tally.catalog.CatalogFeature;
import tally.charges.ChargesFeature;
import tally.checkout.CheckoutFeature;
import tally.core.Clock;
import tally.core.Json;
import tally.core.Scheduler;
import tally.credits.CreditsFeature;
import tally.customers.CustomersFeature;
import tally.dashboard.DashboardFeature;
import tally.disputes.DisputesFeature;
import tally.events.EventsFeature;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.ApiVersionInterceptor;
import tally.http.AuthInterceptor;
import tally.http.DecodeInterceptor;
import tally.http.Decoder;
import tally.http.Dispatcher;
import tally.http.HttpServer;
import tally.http.Interceptor;
import tally.http.Metrics;
import tally.http.Pipeline;
import tally.http.RequestGuard;
import tally.http.RequestIdInterceptor;
import tally.http.RouteInterceptor;
import tally.http.Router;
import tally.http.TransactionInterceptor;
import tally.idempotency.IdempotencyInterceptor;
import tally.idempotency.IdempotencyKeys;
import tally.idempotency.KeyInFlightGuard;
import tally.invoices.InvoicesFeature;
import tally.pages.FileDownload;
import tally.payments.PaymentsFeature;
import tally.portal.PortalFeature;
import tally.refunds.RefundsFeature;
import tally.store.Db;
import tally.subscriptions.SubscriptionsFeature;
import tally.testclocks.TestClocksFeature;
import tally.thinevents.ThinEventsFeature;

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
      String publicUrl,
      boolean openKeys) {
    public Config(String host, int port, String db, Clock clock, long jobPeriodMillis) {
      this(host, port, db, clock, jobPeriodMillis, List.of(), null);
    }

    public Config(
        String host,
        int port,
        String db,
        Clock clock,
        long jobPeriodMillis,
        List<Interceptor> outerInterceptors,
        String publicUrl) {
      this(host, port, db, clock, jobPeriodMillis, outerInterceptors, publicUrl, false);
    }

    /**
     * This config with {@code --open-keys}: any well-formed {@code sk_test_} key opens its own
     * empty account on first use.
     */
    public Config withOpenKeys(boolean open) {
      return new Config(host, port, db, clock, jobPeriodMillis, outerInterceptors, publicUrl, open);
    }
  }

  private final Db db;
  private final Clock clock;
  private final Accounts accounts;
  private final Scheduler scheduler = new Scheduler(e -> tally.store.DbFailure.of(e).isPresent());
  private final HttpServer http;
  private final String publicUrl;
  private final Router router = new Router();
  private final Metrics metrics = new Metrics();
  private final Expander expander = new Expander();

  private App(Config config) {
    this.clock = config.clock();
    this.publicUrl = config.publicUrl();
    this.db = Db.open(config.db());
    this.accounts = new Accounts(db, clock);
    router.open("GET", "/healthz", Decoder.none(), (ctx, p) -> ApiObject.of(App::health));
    router.open(
        "GET",
        "/metrics",
        Decoder.none(),
        (ctx, p) -> new FileDownload(Metrics.CONTENT_TYPE, metrics.scrape()));
    db.reportPoolTo(metrics.registry());
    db.onWriteBatch(metrics::writeBatch);
    metrics.gauge(
        "tally.db.write.queue.depth",
        "Writes waiting for SQLite's writer (0 on PostgreSQL)",
        db::writeQueueDepth);
    metrics.gauge(
        "tally.webhooks.backlog",
        "Webhook deliveries not yet made (due or waiting for a retry)",
        () -> EventsFeature.webhookBacklog(db));

    EventsFeature events = new EventsFeature();
    BalanceFeature balance = new BalanceFeature();
    CustomersFeature customers = new CustomersFeature();
    ChargesFeature charges = new ChargesFeature(balance.ledger(), customers.customers());
    RefundsFeature refunds = new RefundsFeature(charges, balance.ledger());
    ThinEventsFeature thinEvents = new ThinEventsFeature();
    BillingFeature billing = new BillingFeature(thinEvents.events(), customers.customers());
    CatalogFeature catalog = new CatalogFeature(billing.meters());
    PaymentsFeature payments = new PaymentsFeature(customers.customers(), charges, this::publicUrl);
    InvoicesFeature invoices =
        new InvoicesFeature(
            customers.customers(), catalog.prices(), payments.cardPayments(), this::publicUrl);
    // Credits' invoice listener goes before the subscriptions' ones (the order they run in).
    CreditsFeature credits =
        new CreditsFeature(customers.customers(), catalog.prices(), invoices.invoices());
    SubscriptionsFeature subscriptions =
        new SubscriptionsFeature(
            customers.customers(), catalog.prices(), invoices, billing.usage());
    List<Feature> features =
        List.of(
            new AccountsFeature(),
            events,
            thinEvents,
            balance,
            customers,
            charges,
            refunds,
            new DisputesFeature(charges, refunds.refunds(), balance.ledger()),
            billing,
            catalog,
            credits,
            new PortalFeature(
                new PortalFeature.Uses(
                    customers.customers(),
                    charges.charges(),
                    subscriptions.customerSubscriptions(),
                    invoices.history(),
                    payments.cardPayments(),
                    catalog.prices()),
                this::publicUrl),
            payments,
            invoices,
            subscriptions,
            new TestClocksFeature(customers.customers()),
            new CheckoutFeature(
                catalog,
                customers.customers(),
                payments.cardPayments(),
                new CheckoutFeature.Billing(
                    subscriptions.starts(), invoices.invoices(), invoices.collection()),
                this::publicUrl),
            new DashboardFeature(accounts, events.log(), billing.meters()));
    Installer installer = new Installer(router, expander, scheduler, db, clock, events.outbox());
    features.forEach(f -> f.install(installer));
    IdempotencyKeys idempotencyKeys = new IdempotencyKeys();
    scheduler.add(IdempotencyKeys.pruner(db, clock));

    List<Interceptor> steps = new ArrayList<>(config.outerInterceptors());
    steps.addAll(List.of(new RequestIdInterceptor(metrics), new RequestGuard()));
    steps.addAll(installer.interceptors());
    steps.addAll(
        List.of(
            new RouteInterceptor(router),
            new AuthInterceptor(accounts, config.openKeys()),
            new ApiVersionInterceptor(accounts),
            new KeyInFlightGuard(),
            new DecodeInterceptor(),
            new TransactionInterceptor(db),
            new IdempotencyInterceptor(idempotencyKeys, clock),
            new Dispatcher(clock, expander, events.outbox())));
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

  /** Every endpoint, as registered: the fuzzer drives each of them. */
  public List<tally.http.Route<?>> routes() {
    return router.routes();
  }

  /** What {@code expand[]} may name, per object: tests hold it to stripe-java's models. */
  public Expander expander() {
    return expander;
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

  /** Requests being handled right now. */
  public long inFlight() {
    return http.inFlight();
  }

  /** Like {@link #close()}, saying what the HTTP drain found: requests in flight finish first. */
  public HttpServer.Drained drainAndClose() {
    scheduler.close();
    HttpServer.Drained drained = http.drain();
    db.close();
    return drained;
  }
}
