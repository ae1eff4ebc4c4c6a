package tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.core.Json;
import tally.testing.RawHttp;
import tally.testing.TallyServer;

/** Requests no SDK sends, each answered with Stripe's error JSON and the right status. */
class HostileRequestsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  private static JsonNode error(String body) {
    JsonNode error = Json.tree(body).path("error");
    assertThat(error.path("type").asText()).as(body).isNotEmpty();
    assertThat(error.path("message").asText()).as(body).isNotEmpty();
    return error;
  }

  private static RawHttp.Reply post(String path, String key, String contentType, byte[] body) {
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + key
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length;
    return RawHttp.send(SERVER.port(), head, body);
  }

  @Test
  void aBodyThatIsNotUtf8IsA400NotJettysPage() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("amount=".getBytes(StandardCharsets.US_ASCII));
    body.write(0xff);
    body.write(0xfe);
    RawHttp.Reply r =
        post(
            "/v1/charges",
            SERVER.newKey(),
            "application/x-www-form-urlencoded",
            body.toByteArray());
    assertThat(r.status()).isEqualTo(400);
    assertThat(error(r.body()).path("message").asText()).contains("not valid UTF-8");
    assertThat(r.head()).doesNotContainIgnoringCase("jetty");
  }

  @Test
  void aBodyOverTheLimitIsRefusedWhileReading() {
    String key = SERVER.newKey();
    // Declared too large: refused from the headers alone.
    String head =
        "POST /v1/charges HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + key
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 31457280";
    RawHttp.Reply declared = RawHttp.send(SERVER.port(), head, new byte[64 * 1024]);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(error(declared.body()).path("message").asText()).contains("1048576 bytes");
    // Chunked, with no length: refused once the count passes the limit.
    String chunkedHead =
        "POST /v1/charges HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + key
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked";
    byte[] chunk = ("100000\r\n" + "a".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream twoMegabytes = new ByteArrayOutputStream();
    twoMegabytes.writeBytes(chunk);
    twoMegabytes.writeBytes(chunk);
    twoMegabytes.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    RawHttp.Reply chunked = RawHttp.send(SERVER.port(), chunkedHead, twoMegabytes.toByteArray());
    assertThat(chunked.status()).isEqualTo(413);
    error(chunked.body());
  }

  @Test
  void junkParameterNamesAreEchoedOnlyAsABoundedPrefix() {
    String junk = "x".repeat(500_000) + "=1";
    HttpResponse<String> r = SERVER.raw("POST", "/v1/customers", SERVER.newKey(), junk, Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body().length()).isLessThan(2_000);
    assertThat(error(r.body()).path("message").asText())
        .startsWith("Received unknown parameter: xxxx")
        .contains("500000 characters");
  }

  @Test
  void jsonBodiesAreToldThatTallyTakesFormEncoding() {
    String key = SERVER.newKey();
    RawHttp.Reply json =
        post(
            "/v1/customers",
            key,
            "application/json",
            "{\"email\":\"a@example.com\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(json.status()).isEqualTo(415);
    assertThat(error(json.body()).path("message").asText())
        .contains("application/x-www-form-urlencoded");
    HttpResponse<String> curlStyle =
        SERVER.raw("POST", "/v1/customers", key, "{\"email\":\"a@example.com\"}", Map.of());
    assertThat(curlStyle.statusCode()).isEqualTo(400);
    assertThat(error(curlStyle.body()).path("message").asText())
        .contains("application/x-www-form-urlencoded")
        .contains("JSON");
  }

  @Test
  void nestedMetadataIsNamedAsTheProblem() {
    HttpResponse<String> r =
        SERVER.raw("POST", "/v1/customers", SERVER.newKey(), "metadata[a][b]=1", Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode error = error(r.body());
    assertThat(error.path("param").asText()).isEqualTo("metadata[a]");
    assertThat(error.path("message").asText()).contains("nested hashes and arrays");
  }

  @Test
  void aNulCharacterIsA400OnEveryDatabase() {
    // PostgreSQL text cannot hold NUL: this was a 500 there (found by RequestFuzzTest).
    String key = SERVER.newKey();
    for (String body : new String[] {"name=a%00b", "email=x\u0000y", "metadata[k%00]=v"}) {
      HttpResponse<String> r = SERVER.raw("POST", "/v1/customers", key, body, Map.of());
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(error(r.body()).path("message").asText()).contains("NUL");
    }
  }

  @Test
  void methodsTallyNeverServesAre405() {
    HttpResponse<String> r = SERVER.raw("PUT", "/v1/customers", SERVER.newKey(), "", Map.of());
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
    error(r.body());
  }

  @Test
  void aUrlOrHeadersTooLongAre414And431AsJson() {
    RawHttp.Reply longUrl =
        RawHttp.send(
            SERVER.port(),
            "GET /v1/customers?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost",
            new byte[0]);
    assertThat(longUrl.status()).isEqualTo(414);
    assertThat(longUrl.head()).containsIgnoringCase("application/json");
    error(longUrl.body());
    RawHttp.Reply bigHeaders =
        RawHttp.send(
            SERVER.port(),
            "GET /v1/customers HTTP/1.1\r\nHost: localhost\r\nX-Junk: " + "a".repeat(20_000),
            new byte[0]);
    assertThat(bigHeaders.status()).isEqualTo(431);
    assertThat(bigHeaders.head()).containsIgnoringCase("application/json");
    error(bigHeaders.body());
  }

  @Test
  void anUnparsableRequestLineIsA400AsJson() {
    RawHttp.Reply r =
        RawHttp.send(SERVER.port(), "GET /v1/%zz\u0001 HTTP/1.1\r\nHost: x", new byte[0]);
    assertThat(r.status()).isBetween(400, 499);
    error(r.body());
  }

  @Test
  void stripeAccountForAnotherAccountIsRefused() {
    String key = SERVER.newKey();
    HttpResponse<String> other =
        SERVER.raw("GET", "/v1/customers", key, null, Map.of("Stripe-Account", "acct_someone"));
    assertThat(other.statusCode()).isEqualTo(403);
    JsonNode error = error(other.body());
    assertThat(error.path("code").asText()).isEqualTo("account_invalid");
    assertThat(error.path("message").asText())
        .startsWith("The provided key 'sk_test_************")
        .contains("does not have access to account 'acct_someone' (or that account does not exist)")
        .doesNotContain(key);
    String own =
        Json.tree(SERVER.raw("GET", "/v1/account", key, null, Map.of()).body()).path("id").asText();
    HttpResponse<String> self =
        SERVER.raw("GET", "/v1/customers", key, null, Map.of("Stripe-Account", own));
    assertThat(self.statusCode()).isEqualTo(200);
  }
}
