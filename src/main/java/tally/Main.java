package tally;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tally.auth.ApiKeys;
import tally.core.Clock;

/** The {@code tally} command line. */
@Command(
    name = "tally",
    mixinStandardHelpOptions = true,
    description = "A self-hosted, Stripe-compatible payments API server.",
    subcommands = {Main.Serve.class, Train.class})
public final class Main implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "serve", description = "Start the API server.")
  static final class Serve implements Callable<Integer> {
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
        description =
            "Base URL of hosted pages (checkout, portal); default http://127.0.0.1:<port>.")
    String publicUrl;

    @Override
    public Integer call() throws Exception {
      App.Config config =
          new App.Config(host, port, db, new Clock(), 1000, java.util.List.of(), publicUrl);
      App app = App.open(config);
      String keys = System.getenv("TALLY_API_KEYS");
      if (keys != null && !keys.isBlank()) {
        Arrays.stream(keys.split(","))
            .map(String::trim)
            .filter(k -> !k.isEmpty())
            .forEach(k -> {
              app.accounts().ensure(k);
              LOG.info(
                  "API key {} is ready (publishable key {})",
                  ApiKeys.mask(k),
                  ApiKeys.publishableFor(k));
            });
      } else if (app.accounts().isEmpty()) {
        String key = app.accounts().createAccountWithNewKey();
        // Shown once, on the terminal only: the database keeps just its hash.
        System.out.println("Created an account. Its secret key (shown only this once): " + key);
        System.out.println("Its publishable key: " + ApiKeys.publishableFor(key));
      }
      // Keys exist before /healthz answers, so "ready" means every configured key works.
      app.listen(config);
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
                try {
                  app.close();
                } catch (Exception e) {
                  LOG.warn("shutdown: {}", e.toString());
                }
                stopped.countDown();
              }));
      stopped.await();
      return 0;
    }

    private static String describe(String db) {
      return db.replaceAll("//([^:@/]+):[^@/]*@", "//$1:****@");
    }
  }
}
