package tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.api.ApiVersions;
import tally.core.Json;
import tally.testing.TallyServer;

/**
 * {@code Stripe-Version}: a published version is accepted and named in the answer, anything else
 * gets Stripe's 400 and changes nothing; without it the account's default version applies, and the
 * account's events carry that version.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ApiVersionTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void theSdksPinnedVersionIsCurrentAndNamedInTheAnswer() throws Exception {
    String key = SERVER.newKey();
    StripeClient stripe = SERVER.client(key);
    Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().build());
    assertThat(c.getLastResponse().headers().firstValue("Stripe-Version"))
        .contains(com.stripe.Stripe.API_VERSION)
        .contains(ApiVersions.CURRENT);
  }

  @Test
  void everyPublishedVersionIsAcceptedAndEchoed() {
    String key = SERVER.newKey();
    for (String version :
        new String[] {
          "2020-03-02",
          "2022-11-15",
          "2024-09-30.acacia",
          "2026-07-29.dahlia",
          "2026-10-28.endive",
          "2027-01-27.fig"
        }) {
      HttpResponse<String> r =
          SERVER.raw("GET", "/v1/customers", key, null, Map.of("Stripe-Version", version));
      assertThat(r.statusCode()).as(version).isEqualTo(200);
      assertThat(r.headers().firstValue("Stripe-Version")).as(version).contains(version);
    }
    assertThat(ApiVersions.KNOWN).hasSize(34).containsKey("2020-08-27");
  }

  @Test
  void anUnknownVersionGetsStripesErrorAndCreatesNothing() {
    String key = SERVER.newKey();
    for (String bad : new String[] {"banana", "2019-2-19", "2026-07-30.dahlia", "2026-07-29"}) {
      HttpResponse<String> r =
          SERVER.raw("POST", "/v1/customers", key, "email=a@b.c", Map.of("Stripe-Version", bad));
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      var error = Json.tree(r.body()).path("error");
      assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(error.path("message").asText())
          .isEqualTo("Invalid Stripe API version: " + bad + ".");
      assertThat(r.headers().firstValue("Stripe-Version")).contains(ApiVersions.CURRENT);
    }
    HttpResponse<String> beta =
        SERVER.raw(
            "GET",
            "/v1/customers",
            key,
            null,
            Map.of("Stripe-Version", "2026-07-29.dahlia; link_beta=v1"));
    assertThat(beta.statusCode()).isEqualTo(400);
    assertThat(Json.tree(beta.body()).at("/error/message").asText())
        .contains("You do not have permission to pass this beta header: link_beta.");
    HttpResponse<String> list = SERVER.raw("GET", "/v1/customers", key, null, Map.of());
    assertThat(Json.tree(list.body()).path("data")).isEmpty();
  }

  @Test
  void withoutTheHeaderTheAccountsDefaultAppliesToAnswersAndEvents() {
    String key = SERVER.newKey();
    String account =
        Json.tree(SERVER.raw("GET", "/v1/account", key, null, Map.of()).body()).path("id").asText();
    // A fresh key's account, whose default nobody has read yet: set it as an upgrade would.
    String other = SERVER.newKey();
    String otherAccount = SERVER.app().accounts().authenticate(other).orElseThrow().id();
    SERVER
        .app()
        .db()
        .write(h ->
            h.execute("UPDATE accounts SET api_version = '2024-06-20' WHERE id = ?", otherAccount));
    HttpResponse<String> plain = SERVER.raw("GET", "/v1/account", other, null, Map.of());
    assertThat(plain.headers().firstValue("Stripe-Version")).contains("2024-06-20");
    SERVER.raw("POST", "/v1/customers", other, "email=old@example.com", Map.of());
    var events = Json.tree(SERVER.raw("GET", "/v1/events", other, null, Map.of()).body());
    assertThat(events.at("/data/0/type").asText()).isEqualTo("customer.created");
    assertThat(events.at("/data/0/api_version").asText()).isEqualTo("2024-06-20");

    assertThat(
            SERVER
                .raw("GET", "/v1/account", key, null, Map.of())
                .headers()
                .firstValue("Stripe-Version"))
        .contains(ApiVersions.CURRENT);
    SERVER.raw(
        "POST",
        "/v1/customers",
        key,
        "email=new@example.com",
        Map.of("Stripe-Version", "2020-08-27"));
    var current = Json.tree(SERVER.raw("GET", "/v1/events", key, null, Map.of()).body());
    assertThat(current.at("/data/0/api_version").asText())
        .as("events are in the account's version, whatever the request's")
        .isEqualTo(ApiVersions.CURRENT);
    assertThat(account).isNotEqualTo(otherAccount);
  }
}
