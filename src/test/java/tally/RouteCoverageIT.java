package tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tally.core.Clock;
import tally.http.Route;
import tally.testing.RouteCoverage;

/**
 * Every API route answered at least one request of the surefire run, on each database, with a 2xx
 * whose body was shape-checked against stripe-java's model of its object ({@link RouteCoverage}
 * records them): a route no test exercises successfully fails the build, so a new object cannot
 * ship unchecked. Runs in failsafe, after both surefire executions; skipped when surefire ran a
 * selection of tests ({@code -Dtest=…}) unless {@code -Dtally.route.coverage.force=true}. {@code
 * -Dtally.build.id=…} checks the files of an earlier build again.
 */
class RouteCoverageIT {
  /**
   * Routes that answer no Stripe object, and why. Also exempt: everything outside /v1 and /v2
   * (pages, /healthz, /metrics: HTML and text), and /v1/tally/ (Tally's own settings, objects named
   * {@code tally.*} that no Stripe SDK models).
   */
  static final Map<String, String> EXEMPT =
      Map.of(
          "POST /v2/billing/meter_event_stream",
          "Stripe answers 201 with an empty body: no object to check");

  @Test
  void everyApiRouteGotAShapeCheckedSuccessOnEachDatabase(@TempDir Path dir) throws Exception {
    String filter = System.getProperty("tally.test.filter", "");
    Assumptions.assumeTrue(
        filter.isBlank()
            || filter.startsWith("${")
            || Boolean.getBoolean("tally.route.coverage.force"),
        "surefire ran a selection of tests (-Dtest="
            + filter
            + "): coverage is not complete (-Dtally.route.coverage.force=true checks it anyway)");
    List<Route<?>> all;
    try (App app =
        App.start(new App.Config("127.0.0.1", 0, dir.resolve("t.db").toString(), new Clock(), 0))) {
      all = app.routes();
    }
    List<String> routes = new ArrayList<>();
    for (Route<?> route : all) {
      String line = route.method() + " " + route.template();
      if ((route.template().startsWith("/v1/") || route.template().startsWith("/v2/"))
          && !route.template().startsWith("/v1/tally/")
          && !EXEMPT.containsKey(line)) {
        routes.add(line);
      }
    }
    List<String> failures = new ArrayList<>();
    for (String database : List.of("sqlite", "postgres")) {
      Path file = RouteCoverage.file(database);
      assertThat(file)
          .as("tally.route.coverage.dir and tally.build.id (set by the pom)")
          .isNotNull();
      assertThat(file)
          .as("coverage of the surefire run on %s: did it run in this build?", database)
          .exists();
      Set<String> covered = new TreeSet<>(Files.readAllLines(file));
      for (String route : routes) {
        if (!covered.contains(route)) {
          failures.add(database + ": " + route);
        }
      }
    }
    assertThat(failures)
        .as(
            "API routes that no test answered with a shape-checked 2xx (a Stripe object with a"
                + " stripe-java model): add a stripe-java test that calls each successfully, or,"
                + " if it can never return a Stripe object, list it in RouteCoverageIT.EXEMPT"
                + " with the reason")
        .isEmpty();
  }
}
