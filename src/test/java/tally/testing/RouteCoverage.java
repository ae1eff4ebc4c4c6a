package tally.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which routes answered a request with a 2xx whose top-level object has a stripe-java model (and so
 * was shape-checked), one {@code METHOD /template} line each, appended to {@code
 * <tally.route.coverage.dir>/<tally.build.id>-<database>.txt} by every test JVM of a Maven build;
 * {@code tally.RouteCoverageIT} reads the files after both surefire runs. Without the properties (a
 * test started from an IDE) nothing is written.
 */
public final class RouteCoverage {
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private RouteCoverage() {}

  /** The file of this build and database, or null when coverage is not recorded. */
  public static Path file(String database) {
    String dir = System.getProperty("tally.route.coverage.dir");
    String build = System.getProperty("tally.build.id");
    if (dir == null || dir.isBlank() || build == null || build.isBlank()) {
      return null;
    }
    return Path.of(dir, build + "-" + database + ".txt");
  }

  static void record(String method, String template, int status, JsonNode body) {
    if (status < 200 || status >= 300 || !hasModel(body)) {
      return;
    }
    String line = method + " " + template;
    Path file = file(TestDatabases.onPostgres() ? "postgres" : "sqlite");
    if (file == null || !SEEN.add(line)) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      synchronized (RouteCoverage.class) {
        Files.writeString(
            file,
            line + "\n",
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Stripe object (a list and a search result included) that ModelShapes checked. */
  private static boolean hasModel(JsonNode body) {
    if (body != null && ModelShapes.isV2List(body) && !body.get("data").isEmpty()) {
      return hasModel(body.get("data").get(0));
    }
    if (body == null || !body.path("object").isTextual()) {
      return false;
    }
    return ModelShapes.modelOf(body.get("object").asText()) != null;
  }
}
