package tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import tally.Main;

/** Every command and subcommand answers {@code --help} with its usage; {@code --version} works. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CommandLineHelpTest {
  @Test
  void everyCommandAndSubcommandHasHelp() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new Main()), new ArrayList<>(), paths);
    assertThat(paths).extracting(p -> String.join(" ", p)).contains("", "serve");
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out));
      int code = cli.execute(args.toArray(String[]::new));
      assertThat(code).as("tally %s --help", path).isZero();
      assertThat(out.toString())
          .as("tally %s --help", path)
          .startsWith("Usage: tally" + (path.isEmpty() ? "" : " " + String.join(" ", path)));
    }
  }

  @Test
  void versionNamesTheBuildAndTheApiVersion() {
    StringWriter out = new StringWriter();
    int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("--version");
    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("tally ").contains("Stripe API version 20");
    assertThat(out.toString()).doesNotContain("${");
  }

  private static void collect(CommandLine cli, List<String> path, List<List<String>> into) {
    if (cli.getCommandSpec().usageMessage().hidden() || "help".equals(cli.getCommandName())) {
      return;
    }
    into.add(List.copyOf(path));
    cli.getSubcommands()
        .forEach((name, sub) -> {
          if (name.equals(sub.getCommandName())) {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, into);
          }
        });
  }
}
