package tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import tally.Main;
import tally.core.Json;
import tally.testing.TallyServer;

/** {@code tally trigger EVENT} over HTTP: afterwards the account's events hold that event type. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TriggerTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static int trigger(String... args) {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute(args);
    if (code != 0) {
      System.out.println("tally " + String.join(" ", args) + " -> " + code + ": " + err);
    }
    return code;
  }

  @Test
  void everySupportedEventIsProducedByTheApiCallsItMakes() {
    assertThat(Triggers.FIXTURES.keySet())
        .contains(
            "charge.succeeded",
            "charge.refunded",
            "charge.captured",
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "payment_intent.created",
            "customer.subscription.created",
            "customer.subscription.updated",
            "customer.subscription.deleted",
            "invoice.paid",
            "invoice.payment_failed",
            "invoice.finalized",
            "checkout.session.completed");
    List<String> missing = new ArrayList<>();
    for (String event : Triggers.FIXTURES.keySet()) {
      String key = SERVER.newKey();
      int code = trigger("trigger", event, "--api-key", key, "--api-base", SERVER.baseUrl());
      assertThat(code).as("tally trigger %s", event).isZero();
      var listed =
          Json.tree(SERVER.raw("GET", "/v1/events?type=" + event, key, null, Map.of()).body());
      if (listed.path("data").isEmpty()) {
        missing.add(event);
      }
    }
    assertThat(missing).as("events not produced").isEmpty();
  }

  @Test
  void anUnknownEventOrAMissingKeyIsRefused() {
    assertThat(trigger("trigger", "banana.split", "--api-key", SERVER.newKey())).isEqualTo(2);
    assertThat(
            trigger(
                "trigger",
                "charge.succeeded",
                "--api-key",
                "sk_test_nobody000000000000",
                "--api-base",
                SERVER.baseUrl()))
        .isOne();
  }
}
