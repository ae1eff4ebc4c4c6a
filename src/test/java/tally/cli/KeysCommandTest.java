package tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tally.App;
import tally.Main;
import tally.core.Clock;
import tally.core.Json;
import tally.testing.TestDatabases;

/**
 * {@code tally keys} on a database, then a server on it: created keys open their account, a rolled
 * key works through its grace period and not after, and nothing but hashes is stored.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class KeysCommandTest {
  private static final Pattern KEY = Pattern.compile("(sk_test_[A-Za-z0-9]+)");
  private final HttpClient http = HttpClient.newHttpClient();

  private record Run(int code, String out, String err) {}

  private static Run tally(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new Main())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String keyIn(String text) {
    Matcher m = KEY.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  private int status(App app, String key) throws Exception {
    return account(app, key).statusCode();
  }

  private HttpResponse<String> account(App app, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/v1/account"))
            .header("Authorization", "Bearer " + key)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void createdKeysOpenTheirAccountsAndRolledKeysLastTheirGracePeriod(@TempDir Path dir)
      throws Exception {
    String db = TestDatabases.fresh(dir);
    Run created = tally("keys", "create", "--db", db);
    assertThat(created.code()).as(created.err()).isZero();
    String first = keyIn(created.out());
    assertThat(created.out()).contains("Publishable key: pk_test_");

    Clock clock = new Clock();
    String accountId;
    try (App app = App.start(new App.Config("127.0.0.1", 0, db, clock, 0))) {
      HttpResponse<String> r = account(app, first);
      assertThat(r.statusCode()).isEqualTo(200);
      accountId = Json.tree(r.body()).path("id").asText();
    }
    Run second = tally("keys", "create", "--db", db, "--account", accountId);
    assertThat(second.code()).as(second.err()).isZero();
    String sameAccount = keyIn(second.out());
    assertThat(tally("keys", "create", "--db", db, "--account", "acct_nope").code()).isOne();

    Run rolled = tally("keys", "roll", first, "--db", db, "--expires-in", "1h");
    assertThat(rolled.code()).as(rolled.err()).isZero();
    String successor = keyIn(rolled.out());
    assertThat(rolled.out()).contains("keeps working until");
    Run rolledNow = tally("keys", "roll", sameAccount, "--db", db);
    assertThat(rolledNow.code()).as(rolledNow.err()).isZero();
    assertThat(tally("keys", "roll", "sk_test_unknown000000", "--db", db).code()).isOne();
    assertThat(tally("keys", "roll", first, "--db", db, "--expires-in", "soon").code())
        .isEqualTo(2);

    try (App app = App.start(new App.Config("127.0.0.1", 0, db, clock, 0))) {
      assertThat(status(app, first)).as("within its grace period").isEqualTo(200);
      assertThat(status(app, successor)).isEqualTo(200);
      assertThat(status(app, sameAccount)).as("rolled with no grace").isEqualTo(401);
      assertThat(Json.tree(account(app, successor).body()).path("id").asText())
          .isEqualTo(accountId);
    }
    clock.advance(Duration.ofHours(2));
    try (App app = App.start(new App.Config("127.0.0.1", 0, db, clock, 0))) {
      assertThat(status(app, first)).as("after its grace period").isEqualTo(401);
      assertThat(status(app, successor)).isEqualTo(200);
    }

    Run list = tally("keys", "list", "--db", db);
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains(accountId)
        .contains("sk_test_************" + first.substring(first.length() - 4))
        .contains("pk_test_************")
        .doesNotContain(first)
        .doesNotContain(successor);
    assertThat(list.out().lines().filter(l -> l.contains("sk_test_")).count()).isEqualTo(4);
  }
}
