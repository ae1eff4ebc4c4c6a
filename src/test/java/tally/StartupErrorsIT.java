package tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tally.testing.TallyProcess;

/** {@code ./tally serve} refusing to start says why, and what to do, in one line. */
class StartupErrorsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * The launcher trains its AOT cache once per build: not part of any start measured here. Over 60
   * s on two loaded cores, as TallyProcess allows for the first start.
   */
  @BeforeAll
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  static void warmTheLauncher() throws Exception {
    new ProcessBuilder("./tally", "--version")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  /** The launcher's own notices (building, training a cache) are not the server's output. */
  private static List<String> serverLines(String output) {
    return output
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("tally: ") && !l.startsWith("WARNING:"))
        .toList();
  }

  private static String oneLine(TallyProcess.Exit exit) {
    assertThat(exit.code()).as(exit.output()).isEqualTo(1);
    List<String> lines = serverLines(exit.output());
    assertThat(lines).as(exit.output()).hasSize(1);
    assertThat(lines.getFirst()).startsWith("tally serve: ").doesNotContain("Exception");
    assertThat(exit.output()).doesNotContain("\tat ");
    return lines.getFirst();
  }

  /**
   * Runs {@code ./tally serve} on 127.0.0.1 with these keys (none when null), port and database
   * until it exits; its one line of output.
   */
  private static String serveOnce(Path dir, String keys, int port, String db) throws Exception {
    return oneLine(
        TallyProcess.runUntilExit(
            dir.resolve("log"),
            keys,
            TIMEOUT,
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--db",
            db));
  }

  @Test
  void aPortInUseIsNamedWithWhatToDo(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThat(serveOnce(dir, null, port, dir.resolve("t.db").toString()))
          .contains("port " + port)
          .contains("already in use")
          .contains("--port");
    }
  }

  @Test
  void anUnwritableDatabasePathIsNamedWithWhatToDo(@TempDir Path dir) throws Exception {
    // Root may write anywhere; a regular file where a directory should be stops everyone.
    Path blocker = Files.createFile(dir.resolve("blocker"));
    String db = blocker.resolve("t.db").toString();
    assertThat(serveOnce(dir, null, TallyProcess.unusedPort(), db)).contains(db).contains("--db");
  }

  @Test
  void anUnreachablePostgresIsReportedWithinSecondsWithoutItsPassword(@TempDir Path dir)
      throws Exception {
    int nobody = TallyProcess.unusedPort();
    TallyProcess.Exit exit =
        TallyProcess.runUntilExit(
            dir.resolve("log"),
            null,
            TIMEOUT,
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(TallyProcess.unusedPort()),
            "--db",
            "postgresql://tally:hunter2secret@127.0.0.1:" + nobody + "/tally");
    assertThat(oneLine(exit))
        .contains("PostgreSQL")
        .contains("127.0.0.1:" + nobody)
        .doesNotContain("hunter2secret");
    System.out.printf("unreachable PostgreSQL reported after %d ms%n", exit.took().toMillis());
    // JVM start and the launcher included; the pool gives up after 5 s.
    assertThat(exit.took()).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aMalformedKeyNamesItsEntryAndCharacterButNotTheKey(@TempDir Path dir) throws Exception {
    String bad = "sk_test_bad!key0000000000secretwxyz";
    String keys = "sk_test_fine000000000000000abcd," + bad;
    assertThat(serveOnce(dir, keys, TallyProcess.unusedPort(), dir.resolve("t.db").toString()))
        .contains("TALLY_API_KEYS entry 2 of 2")
        .contains("character 12 is '!'")
        .doesNotContain(bad);
  }
}
