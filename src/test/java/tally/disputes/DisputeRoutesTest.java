package tally.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.disputes.DisputedCharges.disputeOf;
import static tally.disputes.DisputedCharges.disputesOf;
import static tally.testing.Fixtures.charge;
import static tally.testing.StripeErrors.assertStripeError;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.param.DisputeListParams;
import com.stripe.param.DisputeRetrieveParams;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.core.Json;
import tally.testing.TallyServer;

/** Retrieve, list and expand, and the legacy charge-scoped paths that share the implementation. */
class DisputeRoutesTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final String key = SERVER.newKey();
  private final StripeClient stripe = SERVER.client(key);

  private HttpResponse<String> raw(String method, String path, String body) {
    return SERVER.raw(method, path, key, body, Map.of());
  }

  private static JsonNode json(HttpResponse<String> response) {
    return Json.tree(response.body());
  }

  @Test
  void theChargeScopedPathReturnsTheChargesDispute() throws StripeException {
    Charge c = charge(stripe, "tok_createDispute", 1800);
    Dispute d = disputeOf(stripe, c);
    HttpResponse<String> response = raw("GET", "/v1/charges/" + c.getId() + "/dispute", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(json(raw("GET", "/v1/disputes/" + d.getId(), null)));
    assertThat(json(response).at("/id").asText()).isEqualTo(d.getId());
  }

  @Test
  void theChargeScopedPathUpdatesAndClosesTheSameDispute() throws StripeException {
    Charge c = charge(stripe, "tok_createDispute", 1800);
    Dispute d = disputeOf(stripe, c);
    HttpResponse<String> updated =
        raw(
            "POST",
            "/v1/charges/" + c.getId() + "/dispute",
            "evidence[customer_name]=Jane&metadata[case]=9&submit=false");
    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(json(updated).at("/id").asText()).isEqualTo(d.getId());
    Dispute viaDisputes = stripe.v1().disputes().retrieve(d.getId());
    assertThat(viaDisputes.getEvidence().getCustomerName()).isEqualTo("Jane");
    assertThat(viaDisputes.getMetadata()).containsEntry("case", "9");
    assertThat(viaDisputes.getStatus()).isEqualTo("needs_response");

    HttpResponse<String> closed = raw("POST", "/v1/charges/" + c.getId() + "/dispute/close", "");
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(json(closed).at("/status").asText()).isEqualTo("lost");

    HttpResponse<String> again = raw("POST", "/v1/charges/" + c.getId() + "/dispute/close", "");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(json(again).at("/error/message").asText())
        .isEqualTo("This dispute is already closed");
  }

  @Test
  void anUndisputedChargeHasNoDispute() throws StripeException {
    Charge c = charge(stripe, "tok_visa", 1800);
    HttpResponse<String> response = raw("GET", "/v1/charges/" + c.getId() + "/dispute", null);
    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = json(response).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).isEqualTo("No dispute for charge: " + c.getId());
    assertThat(error.has("code")).isFalse();
    assertThat(error.has("param")).isFalse();

    HttpResponse<String> close = raw("POST", "/v1/charges/" + c.getId() + "/dispute/close", "");
    assertThat(close.statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownChargeIsNoSuchCharge() {
    HttpResponse<String> response = raw("GET", "/v1/charges/ch_missing/dispute", null);
    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("resource_missing");
    assertThat(error.get("param").asText()).isEqualTo("id"); // Stripe names a missing charge id
    assertThat(error.get("message").asText()).isEqualTo("No such charge: 'ch_missing'");
  }

  @Test
  void theChargeScopedPathActsOnTheLatestOfSeveralDisputes() throws StripeException {
    Charge c = charge(stripe, "tok_createMultipleDisputes", 1800);
    List<Dispute> both = disputesOf(stripe, c);
    HttpResponse<String> response = raw("GET", "/v1/charges/" + c.getId() + "/dispute", null);
    assertThat(json(response).at("/id").asText()).isEqualTo(both.getFirst().getId());
  }

  @Test
  void listFiltersByChargeAndCreatedNewestFirst() throws StripeException {
    StripeClient own = SERVER.newClient();
    Charge first = charge(own, "tok_createDispute", 1000);
    Charge second = charge(own, "tok_createDisputeInquiry", 1100);
    charge(own, "tok_visa", 1200);
    List<Dispute> all = own.v1().disputes().list().getData();
    assertThat(all).extracting(Dispute::getCharge).containsExactly(second.getId(), first.getId());

    assertThat(
            own.v1()
                .disputes()
                .list(DisputeListParams.builder().setCharge(first.getId()).build())
                .getData())
        .extracting(Dispute::getCharge)
        .containsExactly(first.getId());
    long created = all.getFirst().getCreated();
    assertThat(
            own.v1()
                .disputes()
                .list(
                    DisputeListParams.builder()
                        .setCreated(
                            DisputeListParams.Created.builder().setGt(created + 100).build())
                        .build())
                .getData())
        .isEmpty();
    var page = own.v1().disputes().list(DisputeListParams.builder().setLimit(1L).build());
    assertThat(page.getHasMore()).isTrue();
    assertThat(page.getUrl()).isEqualTo("/v1/disputes");
  }

  @Test
  void listRefusesAnUnknownChargeOrPaymentIntent() {
    assertStripeError(() ->
            stripe
                .v1()
                .disputes()
                .list(DisputeListParams.builder().setCharge("ch_missing").build()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("charge");
    assertStripeError(() ->
            stripe
                .v1()
                .disputes()
                .list(DisputeListParams.builder().setPaymentIntent("pi_missing").build()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("payment_intent");
  }

  @Test
  void chargeExpandsOnRetrieveAndInLists() throws StripeException {
    Charge c = charge(stripe, "tok_createDispute", 1800);
    Dispute d = disputeOf(stripe, c);
    Dispute expanded =
        stripe
            .v1()
            .disputes()
            .retrieve(d.getId(), DisputeRetrieveParams.builder().addExpand("charge").build());
    assertThat(expanded.getChargeObject().getId()).isEqualTo(c.getId());
    assertThat(expanded.getChargeObject().getDisputed()).isTrue();

    Dispute listed =
        stripe
            .v1()
            .disputes()
            .list(DisputeListParams.builder().setCharge(c.getId()).addExpand("data.charge").build())
            .getData()
            .getFirst();
    assertThat(listed.getChargeObject().getAmount()).isEqualTo(1800L);
  }

  @Test
  void aBalanceTransactionsSourceExpandsToTheDispute() throws StripeException {
    Dispute d = DisputedCharges.openDispute(stripe, "tok_createDispute", 1800);
    String txn = d.getBalanceTransactions().getFirst().getId();
    var expanded =
        stripe
            .v1()
            .balanceTransactions()
            .retrieve(
                txn,
                com.stripe.param.BalanceTransactionRetrieveParams.builder()
                    .addExpand("source")
                    .build());
    assertThat(expanded.getSourceObject()).isInstanceOf(Dispute.class);
    assertThat(((Dispute) expanded.getSourceObject()).getId()).isEqualTo(d.getId());
  }
}
