package tally.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tally trigger EVENT}: the API calls that make a server send that event. */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Make the API calls that produce EVENT (as stripe trigger does).",
      "Events: ${COMPLETION-CANDIDATES}"
    })
public final class Trigger implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "EVENT",
      completionCandidates = Trigger.Events.class,
      description = "The event to trigger, such as charge.succeeded.")
  String event;

  @Option(
      names = "--api-key",
      description = "Secret key (default: TALLY_API_KEYS' first key, else STRIPE_API_KEY).")
  String apiKey;

  @Option(
      names = "--api-base",
      defaultValue = "http://127.0.0.1:12111",
      description = "The server (default ${DEFAULT-VALUE}).")
  String apiBase;

  /** The supported events, for the help text. */
  static final class Events extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Events() {
      super(Triggers.FIXTURES.keySet());
    }
  }

  @Override
  public Integer call() {
    Triggers.Fixture fixture = Triggers.FIXTURES.get(event);
    if (fixture == null) {
      System.err.println(
          "tally trigger: no fixture for "
              + event
              + "; supported: "
              + String.join(", ", Triggers.FIXTURES.keySet()));
      return 2;
    }
    String key = ApiClient.keyFrom(apiKey);
    if (key == null) {
      System.err.println(
          "tally trigger: no API key: give --api-key, or set TALLY_API_KEYS or STRIPE_API_KEY.");
      return 2;
    }
    try {
      fixture.run(new ApiClient(apiBase, key));
    } catch (ApiClient.Failure e) {
      System.err.println("tally trigger: " + e.getMessage());
      return 1;
    }
    System.out.println("Trigger succeeded! Check " + apiBase + "/v1/events for " + event + ".");
    return 0;
  }
}
