package tally.http;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.net.ApiResource;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

/** What every request goes through: request ids, auth, routing, decoding, error JSON. */
class PipelineTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void everyResponseCarriesARequestId() {
    HttpResponse<String> ok = SERVER.raw("GET", "/v1/charges", SERVER.newKey(), null, Map.of());
    HttpResponse<String> unauthorized = SERVER.raw("GET", "/v1/charges", null, null, Map.of());
    HttpResponse<String> missing = SERVER.raw("GET", "/v1/nope", SERVER.newKey(), null, Map.of());
    for (HttpResponse<String> r : java.util.List.of(ok, unauthorized, missing)) {
      assertThat(r.headers().firstValue("Request-Id"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("req_"));
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }
  }

  @Test
  void missingKeyIs401WithStripesMessage() {
    HttpResponse<String> r = SERVER.raw("GET", "/v1/charges", null, null, Map.of());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("You did not provide an API key.");
    assertThat(r.body()).contains("\"type\": \"invalid_request_error\"");
  }

  @Test
  void unknownKeyIs401WithTheKeyMasked() {
    var client = SERVER.client("sk_test_unknownKey000000000000wxyz");
    assertStripeError(() -> client.v1().charges().list())
        .isAuthenticationError()
        .hasStatus(401)
        .hasMessage("Invalid API Key provided: sk_test_************wxyz");
  }

  @Test
  void publishableKeyIsRefused() {
    HttpResponse<String> r = SERVER.raw("GET", "/v1/charges", "pk_test_abc", null, Map.of());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("secret_key_required");
  }

  @Test
  void basicAuthWithTheKeyAsUserWorks() {
    String key = SERVER.newKey();
    String basic =
        Base64.getEncoder()
            .encodeToString((key + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> r =
        SERVER.raw(
            "POST",
            "/v1/charges",
            null,
            "amount=2000&currency=usd&source=tok_visa",
            Map.of("Authorization", "Basic " + basic));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"object\": \"charge\"");
  }

  @Test
  void unknownRouteIs404WithStripesMessage() {
    var client = SERVER.newClient();
    assertStripeError(() -> client.rawRequest(ApiResource.RequestMethod.GET, "/v1/foo", null))
        .isInvalidRequest()
        .hasStatus(404)
        .hasMessage(
            "Unrecognized request URL (GET: /v1/foo). Please see https://stripe.com/docs or"
                + " we can help at https://support.stripe.com/.");
    HttpResponse<String> wrongMethod =
        SERVER.raw("DELETE", "/v1/charges", SERVER.newKey(), null, Map.of());
    assertThat(wrongMethod.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.body()).contains("Unrecognized request URL (DELETE: /v1/charges)");
  }

  @Test
  void percentEncodedBracketsAndPlusSpacesDecode() {
    HttpResponse<String> r =
        SERVER.raw(
            "POST",
            "/v1/charges",
            SERVER.newKey(),
            "amount=2000&currency=usd&source=tok_visa&metadata%5Bnote%5D=hello+world&expand%5B%5D=balance_transaction",
            Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"note\": \"hello world\"");
    assertThat(r.body()).contains("\"object\": \"balance_transaction\"");
  }

  @Test
  void nonIntegerAmountIsAnInvalidInteger() {
    HttpResponse<String> r =
        SERVER.raw(
            "POST",
            "/v1/charges",
            SERVER.newKey(),
            "amount=0.00&currency=usd&source=tok_visa",
            Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Invalid integer: 0.00").contains("parameter_invalid_integer");
  }

  @Test
  void scalarWhereAnArrayBelongsIsAnInvalidArray() {
    HttpResponse<String> r =
        SERVER.raw("GET", "/v1/charges?expand=data.customer", SERVER.newKey(), null, Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Invalid array").contains("\"param\": \"expand\"");
  }

  @Test
  void garbageNeverYieldsA500() {
    String key = SERVER.newKey();
    String[] bodies = {
      "amount=%zz",
      "amount[]=1&amount[x]=2",
      "&&&",
      "=",
      "metadata[a][b]=c&amount=1000&currency=usd&source=tok_visa",
      "shipping=x&amount=1000&currency=usd&source=tok_visa",
      "amount=99999999999999999999999",
      "capture=maybe&amount=1000&currency=usd&source=tok_visa",
      "source[0]=x&amount=1000&currency=usd",
    };
    for (String body : bodies) {
      HttpResponse<String> r = SERVER.raw("POST", "/v1/charges", key, body, Map.of());
      assertThat(r.statusCode()).as(body).isBetween(400, 499);
      assertThat(r.body()).as(body).contains("\"error\"").doesNotContain("Exception");
    }
  }

  @Test
  void healthzAnswersWithoutAKey() {
    assertThat(SERVER.raw("GET", "/healthz", null, null, Map.of()).statusCode()).isEqualTo(200);
  }
}
