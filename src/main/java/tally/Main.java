package tally;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import tally.cli.Keys;
import tally.cli.Listen;
import tally.cli.Serve;
import tally.cli.Trigger;
import tally.cli.VersionProvider;

/** The {@code tally} command line. */
@Command(
    name = "tally",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A self-hosted, Stripe-compatible payments API server.",
    subcommands = {
      Serve.class,
      Keys.class,
      Trigger.class,
      Listen.class,
      Train.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
