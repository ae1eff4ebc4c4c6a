package tally.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tally.auth.ApiKeys;
import tally.auth.KeyRing;
import tally.core.Clock;
import tally.store.Db;

/**
 * {@code tally keys list|create|roll}: an account's API keys, offline, on the server's database.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List, create and roll API keys (on the database; no server needed).",
    subcommands = {Keys.ListKeys.class, Keys.Create.class, Keys.Roll.class})
public final class Keys implements Runnable {
  @Option(
      names = "--db",
      defaultValue = "${env:TALLY_DB:-./data/tally.db}",
      description = "SQLite file or postgresql://… as for serve (env TALLY_DB).",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  String db;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  KeyRing open(Db database) {
    return new KeyRing(database, new Clock());
  }

  java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  java.io.PrintWriter err() {
    return spec.commandLine().getErr();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every key, masked (only hashes are stored), with its account and expiry.")
  static final class ListKeys implements Callable<Integer> {
    @ParentCommand Keys keys;

    @Override
    public Integer call() {
      try (Db database = Db.open(keys.db)) {
        long now = System.currentTimeMillis() / 1000;
        keys.out().printf("%-30s %-28s %-20s %s%n", "ACCOUNT", "KEY", "CREATED", "EXPIRES");
        for (KeyRing.Listed k : keys.open(database).list()) {
          String expires =
              k.expiresAt() == null
                  ? "-"
                  : Instant.ofEpochSecond(k.expiresAt()) + (k.expired(now) ? " (expired)" : "");
          keys.out()
              .printf(
                  "%-30s %-28s %-20s %s%n",
                  k.accountId(), k.masked(), Instant.ofEpochSecond(k.created()), expires);
        }
      }
      return 0;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "A new secret key, shown once: for --account, else for a new empty account.")
  static final class Create implements Callable<Integer> {
    @ParentCommand Keys keys;

    @Option(names = "--account", description = "Add the key to this account (acct_…).")
    String account;

    @Override
    public Integer call() {
      try (Db database = Db.open(keys.db)) {
        String key = keys.open(database).create(account);
        keys.out().println("Secret key (shown only this once): " + key);
        keys.out().println("Publishable key: " + ApiKeys.publishableFor(key));
        return 0;
      } catch (IllegalArgumentException e) {
        keys.err().println("tally keys create: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "roll",
      mixinStandardHelpOptions = true,
      description =
          "Replace a secret key by a new one; the old key keeps working for the grace period.")
  static final class Roll implements Callable<Integer> {
    @ParentCommand Keys keys;

    @Parameters(index = "0", paramLabel = "KEY", description = "The secret key to roll.")
    String key;

    @Option(
        names = "--expires-in",
        defaultValue = "now",
        description =
            "How long the old key keeps working: now (default), or a duration such as 1h, 24h,"
                + " 3d, 7d, 30m.")
    String expiresIn;

    @Override
    public Integer call() {
      long grace;
      try {
        grace = graceSeconds(expiresIn);
      } catch (IllegalArgumentException e) {
        keys.err().println("tally keys roll: " + e.getMessage());
        return 2;
      }
      try (Db database = Db.open(keys.db)) {
        KeyRing.Rolled rolled = keys.open(database).roll(key.trim(), grace);
        keys.out().println("New secret key (shown only this once): " + rolled.newKey());
        keys.out().println("Publishable key: " + ApiKeys.publishableFor(rolled.newKey()));
        keys.out()
            .println(
                ApiKeys.mask(key.trim())
                    + (grace == 0
                        ? " no longer works."
                        : " keeps working until " + Instant.ofEpochSecond(rolled.oldExpiresAt())));
        return 0;
      } catch (IllegalArgumentException e) {
        keys.err().println("tally keys roll: " + e.getMessage());
        return 1;
      }
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");

  /** "now", or a count of seconds, minutes, hours or days (Stripe offers now, 1h, 24h, 3d, 7d). */
  static long graceSeconds(String text) {
    if (text.equals("now") || text.equals("0")) {
      return 0;
    }
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--expires-in must be now or a duration such as 30m, 1h, 24h, 3d, 7d; got " + text);
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    return d.toSeconds();
  }
}
