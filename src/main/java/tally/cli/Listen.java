package tally.cli;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tally listen --forward-to URL}: an account's events, signed, to a local URL. */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Forward the account's new events to a local URL, signed with a whsec_ secret it prints"
            + " (as stripe listen does). Ctrl-C stops it.")
public final class Listen implements Callable<Integer> {
  @Option(
      names = {"--forward-to", "-f"},
      required = true,
      description = "Where to POST each event, e.g. http://localhost:4242/webhook.")
  String forwardTo;

  @Option(
      names = {"--events", "-e"},
      split = ",",
      description = "Only these event types (comma-separated); default all.")
  String[] events;

  @Option(
      names = "--api-key",
      description = "Secret key (default: TALLY_API_KEYS' first key, else STRIPE_API_KEY).")
  String apiKey;

  @Option(
      names = "--api-base",
      defaultValue = "http://127.0.0.1:12111",
      description = "The server (default ${DEFAULT-VALUE}).")
  String apiBase;

  @Option(
      names = "--poll-interval",
      defaultValue = "250",
      description = "Milliseconds between polls of /v1/events (default ${DEFAULT-VALUE}).")
  long pollMillis;

  @Override
  public Integer call() throws InterruptedException {
    String key = ApiClient.keyFrom(apiKey);
    if (key == null) {
      System.err.println(
          "tally listen: no API key: give --api-key, or set TALLY_API_KEYS or STRIPE_API_KEY.");
      return 2;
    }
    URI target;
    try {
      target = URI.create(forwardTo);
      if (target.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("tally listen: --forward-to must be a URL such as http://localhost:4242");
      return 2;
    }
    Set<String> types =
        events == null
            ? Set.of()
            : Arrays.stream(events)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    Forwarder forwarder = new Forwarder(new ApiClient(apiBase, key), target, types, System.out);
    try {
      forwarder.start();
    } catch (ApiClient.Failure e) {
      System.err.println("tally listen: " + e.getMessage());
      return 1;
    }
    System.out.println(
        "Ready! Your webhook signing secret is " + forwarder.secret() + " (^C to quit)");
    System.out.flush();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        forwarder.poll();
      } catch (ApiClient.Failure e) {
        System.err.println("tally listen: " + e.getMessage() + " (retrying)");
      }
      System.out.flush();
      Thread.sleep(pollMillis);
    }
    return 0;
  }
}
