package tally.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.customer;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.auth.ApiKeys;
import tally.testing.TallyServer;

/** Sign-in, the session cookie, CSRF and account isolation, over plain HTTP. */
class DashboardSecurityTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();

  @Test
  void signingInSetsAStrictHttpOnlyCookieWhoseTokenIsStoredOnlyHashed() {
    String key = SERVER.newKey();
    HttpResponse<String> reply = DashboardSession.signIn(SERVER, key);
    assertThat(reply.statusCode()).isEqualTo(303);
    assertThat(reply.headers().firstValue("Location")).hasValue("/dashboard");
    String cookie = reply.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith(DashboardRoutes.COOKIE + "=")
        .contains("HttpOnly", "SameSite=Strict", "Path=/dashboard")
        .doesNotContain(key);
    String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    long stored =
        SERVER
            .app()
            .db()
            .read(h ->
                h.createQuery("SELECT COUNT(*) FROM dashboard_sessions WHERE token_hash = ?")
                    .bind(0, ApiKeys.hash(token))
                    .mapTo(Long.class)
                    .one());
    long plain =
        SERVER
            .app()
            .db()
            .read(h ->
                h.createQuery("SELECT COUNT(*) FROM dashboard_sessions WHERE token_hash = ?")
                    .bind(0, token)
                    .mapTo(Long.class)
                    .one());
    assertThat(stored).isEqualTo(1);
    assertThat(plain).isZero();
  }

  @Test
  void unknownAndPublishableKeysAreRefusedWithoutEchoingThem() {
    String unknown = "sk_test_" + "x".repeat(30);
    HttpResponse<String> reply = DashboardSession.signIn(SERVER, unknown);
    assertThat(reply.statusCode()).isEqualTo(401);
    assertThat(reply.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(reply.body()).contains("opens no account").doesNotContain(unknown);
    String publishable = ApiKeys.publishableFor(SERVER.newKey());
    assertThat(DashboardSession.signIn(SERVER, publishable).statusCode()).isEqualTo(401);
  }

  @Test
  void pagesNeedASessionAndPostsNeedTheSessionsCsrfTokenFromTheSameOrigin() throws Exception {
    String key = SERVER.newKey();
    Customer c = customer(SERVER.client(key), "a@example.com");
    HttpResponse<String> anonymous =
        SERVER.raw("GET", "/dashboard/customers", null, null, Map.of());
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).hasValue("/dashboard/signin");

    DashboardSession s = DashboardSession.open(SERVER, key);
    String action = "/dashboard/actions/fail_next_payment";
    String form = "id=" + c.getId();
    HttpResponse<String> noToken = s.postFrom(SERVER.baseUrl(), action, form);
    assertThat(noToken.statusCode()).isEqualTo(403);
    HttpResponse<String> wrongToken =
        s.postFrom(SERVER.baseUrl(), action, form + "&csrf=" + "0".repeat(32));
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    HttpResponse<String> otherSite =
        s.postFrom("http://evil.example", action, form + "&csrf=" + s.csrf());
    assertThat(otherSite.statusCode()).isEqualTo(403);
    StripeClient stripe = SERVER.client(key);
    assertThat(stripe.v1().customers().retrieve(c.getId()).getInvoiceSettings())
        .extracting("defaultPaymentMethod")
        .isNull();

    HttpResponse<String> ok = s.post(action, form);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(stripe.v1().customers().retrieve(c.getId()).getInvoiceSettings())
        .extracting("defaultPaymentMethod")
        .isNotNull();
  }

  @Test
  void anotherAccountsObjectsAreNotFoundAndItsEventsNeverListed() throws Exception {
    String mine = SERVER.newKey();
    StripeClient theirs = SERVER.newClient();
    Customer theirCustomer = customer(theirs, "theirs@example.com");
    DashboardSession s = DashboardSession.open(SERVER, mine);
    HttpResponse<String> page = s.get("/dashboard/customers/" + theirCustomer.getId());
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("No such customer").doesNotContain("theirs@example.com");
    assertThat(s.get("/dashboard/events").body()).doesNotContain(theirCustomer.getId());
    assertThat(s.get("/dashboard/customers?q=theirs").body()).doesNotContain(theirCustomer.getId());
    assertThat(s.get("/dashboard/live").body()).containsPattern("\"latest\"\\s*:\\s*null");
  }

  @Test
  void signingOutEndsTheSessionForGood() {
    DashboardSession s = DashboardSession.open(SERVER, SERVER.newKey());
    HttpResponse<String> out = s.post("/dashboard/signout", "x=1");
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(s.get("/dashboard").statusCode()).isEqualTo(303);
  }

  @Test
  void hostileDashboardRequestsAreAnsweredNever500() {
    DashboardSession s = DashboardSession.open(SERVER, SERVER.newKey());
    for (String path :
        new String[] {
          "/dashboard/nope",
          "/dashboard/charges/ch_missing",
          "/dashboard/charges/%00",
          "/dashboard/charges?starting_after=ch_missing",
          "/dashboard/customers?q=%25ZZ",
          "/dashboard/customers?q=email%3A%22",
          "/dashboard/search?q=../../etc",
          "/dashboard/a/b/c"
        }) {
      assertThat(s.get(path).statusCode()).as(path).isBetween(200, 499);
    }
    assertThat(s.post("/dashboard/actions/nope", "id=x").statusCode()).isBetween(400, 499);
    assertThat(s.post("/dashboard/actions/advance_clock", "id=clock_missing&by=1+day").statusCode())
        .isEqualTo(404);
  }
}
