package tally.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tally.App;
import tally.auth.ApiKeys;
import tally.core.Clock;

/** {@code tally serve}: the API server, until SIGTERM or Ctrl-C drains it. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Start the API server.")
public final class Serve implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Serve.class);

  @Option(
      names = "--port",
      defaultValue = "${env:TALLY_PORT:-12111}",
      description = "Port to listen on (env TALLY_PORT, default 12111).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "${env:TALLY_HOST:-0.0.0.0}",
      description = "Interface to bind (env TALLY_HOST, default all).")
  String host;

  @Option(
      names = "--db",
      defaultValue = "${env:TALLY_DB:-./data/tally.db}",
      description = "SQLite file or postgresql://user:pass@host:5432/db (env TALLY_DB).")
  String db;

  @Option(
      names = "--public-url",
      defaultValue = "${env:TALLY_PUBLIC_URL}",
      description = "Base URL of hosted pages (checkout, portal); default http://127.0.0.1:<port>.")
  String publicUrl;

  @Option(
      names = "--open-keys",
      defaultValue = "${env:TALLY_OPEN_KEYS:-false}",
      description =
          "Any well-formed sk_test_… key opens its own empty account on first use: each test"
              + " isolates itself by choosing a fresh key (env TALLY_OPEN_KEYS; off by default).")
  boolean openKeys;

  @Option(
      names = "--log-format",
      defaultValue = "${env:TALLY_LOG_FORMAT:-text}",
      description =
          "text (default) or json: one JSON object per line, access lines with account, status,"
              + " error code and idempotency key (env TALLY_LOG_FORMAT).")
  String logFormat;

  @Override
  public Integer call() throws Exception {
    LogFormat format;
    try {
      format = LogFormat.valueOf(logFormat.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("tally serve: --log-format must be text or json, not " + logFormat);
      return 2;
    }
    format.apply();
    App app;
    try {
      List<String> keys = ApiKeysVariable.parse(System.getenv("TALLY_API_KEYS"));
      checkPortIsFree(host, port);
      App.Config config =
          new App.Config(host, port, db, new Clock(), 1000, List.of(), publicUrl)
              .withOpenKeys(openKeys);
      app = App.open(config);
      try {
        prepareKeys(app, keys);
        // Keys exist before /healthz answers, so "ready" means every configured key works.
        app.listen(config);
      } catch (Exception | Error e) {
        app.close();
        throw e;
      }
    } catch (Exception e) {
      // One line a person can act on; the stack trace would only bury it.
      System.err.println("tally serve: " + StartupProblem.explain(e, host, port, db));
      return 1;
    }
    LOG.info(
        "Tally listening on http://{}:{} (database {}), ready {} ms after the JVM started",
        host,
        app.port(),
        describe(db),
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              drain(app);
              stopped.countDown();
            }));
    stopped.await();
    return 0;
  }

  /** SIGTERM or Ctrl-C: refuse new requests, let those in flight finish, say so last. */
  private static void drain(App app) {
    try {
      LOG.info(
          "Stopping: no new requests are accepted; waiting up to 30 s for {} in flight",
          app.inFlight());
      tally.http.HttpServer.Drained d = app.drainAndClose();
      if (d.unfinished() == 0) {
        LOG.info(
            "Tally stopped: all {} requests in flight finished, in {} ms",
            d.inFlight(),
            d.millis());
      } else {
        LOG.warn(
            "Tally stopped: {} of {} requests in flight had not finished after {} ms and were"
                + " cut off",
            d.unfinished(),
            d.inFlight(),
            d.millis());
      }
    } catch (RuntimeException e) {
      LOG.warn("Tally stopped, but not cleanly: {}", e.toString());
    } finally {
      // The log is asynchronous: flush it, or the last line could be lost as the JVM exits.
      ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
  }

  /**
   * Fails before the database is touched (no account created, no key printed) when the port is
   * taken; the real bind comes later, once the keys are ready.
   */
  private static void checkPortIsFree(String host, int port) throws java.io.IOException {
    if (port == 0) {
      return;
    }
    try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new java.net.InetSocketAddress(host, port));
    }
  }

  private static void prepareKeys(App app, List<String> keys) {
    if (!keys.isEmpty()) {
      keys.forEach(k -> {
        app.accounts().ensure(k);
        LOG.info(
            "API key {} is ready (publishable key {})", ApiKeys.mask(k), ApiKeys.publishableFor(k));
      });
    } else if (app.accounts().isEmpty()) {
      String key = app.accounts().createAccountWithNewKey();
      // Shown once, on the terminal only: the database keeps just its hash.
      System.out.println("Created an account. Its secret key (shown only this once): " + key);
      System.out.println("Its publishable key: " + ApiKeys.publishableFor(key));
    }
  }

  public static String describe(String db) {
    return db.replaceAll("//([^:@/]+):[^@/]*@", "//$1:****@");
  }
}
