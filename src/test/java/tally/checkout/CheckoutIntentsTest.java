package tally.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.checkout.CheckoutFixtures.adhoc;
import static tally.checkout.CheckoutFixtures.session;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.Fixtures;
import tally.testing.TallyServer;

/** The hosted page's form posted over plain HTTP: Checkout pays and saves through intents. */
class CheckoutIntentsTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  static Map<String, String> form(String number) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("email", "payer@example.com");
    f.put("cardNumber", number);
    f.put("cardExpiry", "12 / 34");
    f.put("cardCvc", "123");
    f.put("billingName", "Jenny Rosen");
    f.put("billingCountry", "US");
    f.put("billingPostalCode", "94103");
    return f;
  }

  private static HttpResponse<String> post(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return SERVER.raw("POST", path, null, body, Map.of());
  }

  private static String location(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    return r.headers().firstValue("Location").orElseThrow();
  }

  private static String path(String url) {
    return url.substring(SERVER.baseUrl().length());
  }

  private Session create(SessionCreateParams.Builder params) throws StripeException {
    return CheckoutFixtures.create(stripe, params);
  }

  @Test
  void paymentGoesThroughAPaymentIntentCarryingPaymentIntentData() throws StripeException {
    Session s =
        create(
            session()
                .addLineItem(adhoc(1200, 2))
                .setPaymentIntentData(
                    SessionCreateParams.PaymentIntentData.builder()
                        .setCaptureMethod(
                            SessionCreateParams.PaymentIntentData.CaptureMethod.MANUAL)
                        .setDescription("Order 9")
                        .setReceiptEmail("receipts@example.com")
                        .putMetadata("order", "9")
                        .setSetupFutureUsage(
                            SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                        .build()));
    assertThat(s.getPaymentIntent()).isNull();
    String page = "/c/pay/" + s.getId();
    assertThat(SERVER.raw("GET", page, null, null, Map.of()).body()).contains("Test mode");
    assertThat(location(post(page, form("4242 4242 4242 4242"))))
        .isEqualTo("https://example.com/ok?session=" + s.getId());

    Session done = stripe.v1().checkout().sessions().retrieve(s.getId());
    assertThat(done.getStatus()).isEqualTo("complete");
    assertThat(done.getPaymentStatus()).isEqualTo("unpaid");
    assertThat(done.getPaymentIntent()).startsWith("pi_");
    assertThat(done.getCustomer()).startsWith("cus_");
    assertThat(done.getCustomerDetails().getName()).isEqualTo("Jenny Rosen");
    assertThat(done.getCustomerDetails().getAddress().getPostalCode()).isEqualTo("94103");
    PaymentIntent pi = stripe.v1().paymentIntents().retrieve(done.getPaymentIntent());
    assertThat(pi.getStatus()).isEqualTo("requires_capture");
    assertThat(pi.getAmount()).isEqualTo(2400L);
    assertThat(pi.getCustomer()).isEqualTo(done.getCustomer());
    assertThat(pi.getDescription()).isEqualTo("Order 9");
    assertThat(pi.getMetadata()).containsEntry("order", "9");
    assertThat(pi.getSetupFutureUsage()).isEqualTo("off_session");
    assertThat(pi.getReceiptEmail()).isEqualTo("receipts@example.com");
    Charge charge = stripe.v1().charges().retrieve(pi.getLatestCharge());
    assertThat(charge.getCustomer()).isEqualTo(done.getCustomer());
    assertThat(charge.getPaymentIntent()).isEqualTo(pi.getId());
    PaymentMethod pm = stripe.v1().paymentMethods().retrieve(pi.getPaymentMethod());
    assertThat(pm.getCustomer()).isEqualTo(done.getCustomer());
    assertThat(pm.getBillingDetails().getName()).isEqualTo("Jenny Rosen");
    assertThat(pm.getBillingDetails().getEmail()).isEqualTo("payer@example.com");
    assertThat(pm.getBillingDetails().getAddress().getCountry()).isEqualTo("US");

    assertThat(
            stripe
                .v1()
                .checkout()
                .sessions()
                .list(SessionListParams.builder().setPaymentIntent(pi.getId()).build())
                .getData())
        .extracting(Session::getId)
        .containsExactly(s.getId());
    var types = Fixtures.eventTypes(stripe);
    assertThat(types.getFirst()).isEqualTo("checkout.session.completed");
    assertThat(types).containsOnlyOnce("checkout.session.completed");
    assertThat(types).contains("payment_intent.amount_capturable_updated");
  }

  @Test
  void aDeclineKeepsTheSessionsPaymentIntentForTheNextCard() throws StripeException {
    Session s = create(session().addLineItem(adhoc(500, 1)));
    String page = "/c/pay/" + s.getId();
    HttpResponse<String> declined = post(page, form("4000000000000002"));
    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(declined.body()).contains("Your card was declined.");
    String pi = stripe.v1().checkout().sessions().retrieve(s.getId()).getPaymentIntent();
    assertThat(stripe.v1().paymentIntents().retrieve(pi).getStatus())
        .isEqualTo("requires_payment_method");
    location(post(page, form("4242424242424242")));
    Session done = stripe.v1().checkout().sessions().retrieve(s.getId());
    assertThat(done.getPaymentIntent()).isEqualTo(pi);
    assertThat(done.getCustomer()).isNull();
    assertThat(stripe.v1().paymentIntents().retrieve(pi).getStatus()).isEqualTo("succeeded");
  }

  @Test
  void aFailed3dsShowsTheDeclineAndTheSessionStaysOpen() throws StripeException {
    Session s = create(session().addLineItem(adhoc(700, 1)));
    String page = "/c/pay/" + s.getId();
    String auth = location(post(page, form("4000 0000 0000 3220")));
    assertThat(auth).contains("/p/3ds/");
    String back = location(post(path(auth), Map.of("outcome", "fail")));
    assertThat(back).startsWith(SERVER.baseUrl() + page + "/return?");
    HttpResponse<String> shown = SERVER.raw("GET", path(back), null, null, Map.of());
    assertThat(shown.statusCode()).isEqualTo(402);
    assertThat(shown.body()).contains("id=\"cardNumber\"");
    Session open = stripe.v1().checkout().sessions().retrieve(s.getId());
    assertThat(open.getStatus()).isEqualTo("open");
    assertThat(stripe.v1().paymentIntents().retrieve(open.getPaymentIntent()).getStatus())
        .isEqualTo("requires_payment_method");
  }

  @Test
  void expiringTheSessionCancelsTheIntentWaitingFor3ds() throws StripeException {
    Session s = create(session().addLineItem(adhoc(900, 1)));
    String auth = location(post("/c/pay/" + s.getId(), form("4000002500003155")));
    String pi = stripe.v1().checkout().sessions().retrieve(s.getId()).getPaymentIntent();
    assertThat(stripe.v1().paymentIntents().retrieve(pi).getStatus()).isEqualTo("requires_action");
    stripe.v1().checkout().sessions().expire(s.getId());
    PaymentIntent canceled = stripe.v1().paymentIntents().retrieve(pi);
    assertThat(canceled.getStatus()).isEqualTo("canceled");
    assertThat(canceled.getCancellationReason()).isEqualTo("abandoned");
    post(path(auth), Map.of("outcome", "complete"));
    assertThat(stripe.v1().paymentIntents().retrieve(pi).getStatus()).isEqualTo("canceled");
    assertThat(stripe.v1().charges().list().getData()).isEmpty();
  }

  @Test
  void twoSubmitsAtOncePayOnce() throws Exception {
    Session s = create(session().addLineItem(adhoc(300, 1)));
    String page = "/c/pay/" + s.getId();
    var first = CompletableFuture.supplyAsync(() -> post(page, form("4242424242424242")));
    var second = CompletableFuture.supplyAsync(() -> post(page, form("4242424242424242")));
    assertThat(List.of(first.get().statusCode(), second.get().statusCode()))
        .containsExactlyInAnyOrder(303, 410);
    assertThat(stripe.v1().charges().list().getData()).hasSize(1);
    assertThat(stripe.v1().paymentIntents().list().getData()).hasSize(1);
  }

  @Test
  void theFormIsCheckedWithFriendlyMessages() throws StripeException {
    Session s = create(session().addLineItem(adhoc(700, 1)));
    String page = "/c/pay/" + s.getId();
    Map<String, String> expired = form("4242424242424242");
    expired.put("cardExpiry", "01 / 20");
    assertThat(post(page, expired).body()).contains("expiration year is in the past.");
    Map<String, String> cvc = form("4242424242424242");
    cvc.put("cardCvc", "12x");
    assertThat(post(page, cvc).body()).contains("security code is invalid.");
    HttpResponse<String> unknown = post(page, form("1234 5678 9012 3456"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("Your card number is invalid.");
    assertThat(stripe.v1().checkout().sessions().retrieve(s.getId()).getPaymentIntent()).isNull();
  }
}
