package tally.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static tally.testing.Fixtures.charge;
import static tally.testing.Fixtures.chargeParams;
import static tally.testing.StripeErrors.assertStripeError;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.StripeCollection;
import com.stripe.param.ChargeListParams;
import com.stripe.param.ChargeRetrieveParams;
import com.stripe.param.ChargeUpdateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tally.testing.TallyServer;

class ChargeUpdateListTest {
  @RegisterExtension static final TallyServer SERVER = new TallyServer();
  private final StripeClient stripe = SERVER.newClient();

  private Charge create() throws StripeException {
    return stripe
        .v1()
        .charges()
        .create(
            chargeParams("tok_visa", 1000)
                .putMetadata("keep", "yes")
                .putMetadata("drop", "soon")
                .build());
  }

  private Charge update(String charge, ChargeUpdateParams.Builder params) throws StripeException {
    return stripe.v1().charges().update(charge, params.build());
  }

  private static List<String> ids(StripeClient client, ChargeListParams.Builder params)
      throws StripeException {
    return client.v1().charges().list(params.build()).getData().stream()
        .map(Charge::getId)
        .toList();
  }

  @Test
  void updateChangesOnlyWhatWasSentAndMergesMetadata() throws StripeException {
    Charge c = create();
    Charge u =
        update(
            c.getId(),
            ChargeUpdateParams.builder()
                .setDescription("updated")
                .putMetadata("drop", "")
                .putMetadata("new", "1")
                .setFraudDetails(
                    ChargeUpdateParams.FraudDetails.builder()
                        .setUserReport(ChargeUpdateParams.FraudDetails.UserReport.SAFE)
                        .build())
                .setShipping(
                    ChargeUpdateParams.Shipping.builder()
                        .setName("Jenny Rosen")
                        .setAddress(
                            ChargeUpdateParams.Shipping.Address.builder()
                                .setLine1("1 Main St")
                                .setCity("Berlin")
                                .build())
                        .build()));
    assertThat(u.getDescription()).isEqualTo("updated");
    assertThat(u.getMetadata()).isEqualTo(Map.of("keep", "yes", "new", "1"));
    assertThat(u.getFraudDetails().getUserReport()).isEqualTo("safe");
    assertThat(u.getShipping().getAddress().getCity()).isEqualTo("Berlin");
    assertThat(u.getAmount()).isEqualTo(1000L);
    Charge cleared =
        update(
            c.getId(),
            ChargeUpdateParams.builder()
                .setDescription(com.stripe.param.common.EmptyParam.EMPTY)
                .setMetadata(com.stripe.param.common.EmptyParam.EMPTY));
    assertThat(cleared.getDescription()).isNull();
    assertThat(cleared.getMetadata()).isEmpty();
  }

  @Test
  void updateRefusesFieldsThatCannotChange() throws StripeException {
    Charge c = create();
    assertStripeError(
            () -> update(c.getId(), ChargeUpdateParams.builder().putExtraParam("amount", 5)))
        .isInvalidRequest()
        .hasParam("amount");
  }

  @Test
  void metadataLimitsAreEnforced() throws StripeException {
    Charge c = create();
    var tooMany = ChargeUpdateParams.builder();
    for (int i = 0; i < 50; i++) {
      tooMany.putMetadata("k" + i, "v");
    }
    assertStripeError(() -> update(c.getId(), tooMany))
        .isInvalidRequest()
        .hasMessageStartingWith("Metadata can have up to 50 keys, but you've set 52.");
    assertStripeError(
            () -> update(c.getId(), ChargeUpdateParams.builder().putMetadata("k".repeat(41), "v")))
        .isInvalidRequest()
        .hasParam("metadata")
        .hasMessage("Invalid key: " + "k".repeat(41) + " must be a string under 40 characters");
    assertStripeError(
            () -> update(c.getId(), ChargeUpdateParams.builder().putMetadata("k", "v".repeat(501))))
        .isInvalidRequest()
        .hasMessageStartingWith("Invalid val: ");
    assertThat(stripe.v1().charges().retrieve(c.getId()).getMetadata()).hasSize(2);
  }

  @Test
  void retrieveOfAnUnknownChargeIs404() {
    assertStripeError(() -> stripe.v1().charges().retrieve("ch_doesnotexist"))
        .isInvalidRequest()
        .hasStatus(404)
        .hasCode("resource_missing")
        .hasParam("id") // as Stripe names a missing charge (probed 2026), not the spec's {charge}
        .hasMessage("No such charge: 'ch_doesnotexist'");
  }

  @Test
  void anotherAccountCannotSeeTheCharge() throws StripeException {
    Charge c = create();
    StripeClient other = SERVER.newClient();
    assertStripeError(() -> other.v1().charges().retrieve(c.getId()))
        .isInvalidRequest()
        .hasStatus(404);
    assertThat(other.v1().charges().list().getData()).isEmpty();
  }

  @Test
  void listPagesForwardAndBackwardNewestFirst() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(0, charge(fresh, "tok_visa", 1000L + i).getId());
    }
    StripeCollection<Charge> first =
        fresh.v1().charges().list(ChargeListParams.builder().setLimit(3L).build());
    assertThat(first.getData()).extracting(Charge::getId).isEqualTo(ids.subList(0, 3));
    assertThat(first.getHasMore()).isTrue();
    assertThat(first.getUrl()).isEqualTo("/v1/charges");
    StripeCollection<Charge> second =
        fresh
            .v1()
            .charges()
            .list(ChargeListParams.builder().setLimit(3L).setStartingAfter(ids.get(2)).build());
    assertThat(second.getData()).extracting(Charge::getId).isEqualTo(ids.subList(3, 6));
    StripeCollection<Charge> back =
        fresh
            .v1()
            .charges()
            .list(ChargeListParams.builder().setLimit(2L).setEndingBefore(ids.get(3)).build());
    assertThat(back.getData()).extracting(Charge::getId).isEqualTo(ids.subList(1, 3));
    assertThat(back.getHasMore()).isTrue();

    List<String> all = new ArrayList<>();
    first.autoPagingIterable().forEach(ch -> all.add(ch.getId()));
    assertThat(all).isEqualTo(ids);
  }

  @Test
  void listFiltersByCreatedAndTransferGroup() throws StripeException {
    StripeClient saved = SERVER.newClient();
    Charge a =
        saved.v1().charges().create(chargeParams("tok_visa", 1000).setTransferGroup("g1").build());
    charge(saved, "tok_visa", 1000);
    assertThat(ids(saved, ChargeListParams.builder().setTransferGroup("g1")))
        .containsExactly(a.getId());
    assertThat(
            ids(
                saved,
                ChargeListParams.builder()
                    .setCreated(
                        ChargeListParams.Created.builder().setGt(a.getCreated() + 1000).build())))
        .isEmpty();
    assertThat(
            ids(
                saved,
                ChargeListParams.builder()
                    .setCreated(ChargeListParams.Created.builder().setGte(a.getCreated()).build())))
        .hasSize(2);
  }

  @Test
  void limitOutsideOneToHundredIsRefused() {
    assertStripeError(
            () -> stripe.v1().charges().list(ChargeListParams.builder().setLimit(101L).build()))
        .isInvalidRequest()
        .hasParam("limit")
        .hasMessage("This value must be less than or equal to 100.");
    assertStripeError(
            () -> stripe.v1().charges().list(ChargeListParams.builder().setLimit(0L).build()))
        .isInvalidRequest();
  }

  @Test
  void unknownCursorIs404() {
    assertStripeError(() ->
            stripe
                .v1()
                .charges()
                .list(ChargeListParams.builder().setStartingAfter("ch_nope").build()))
        .isInvalidRequest()
        .hasStatus(404)
        .hasParam("starting_after");
  }

  @Test
  void expandReplacesIdsWithObjects() throws StripeException {
    Charge c = create();
    Charge expanded =
        stripe
            .v1()
            .charges()
            .retrieve(
                c.getId(), ChargeRetrieveParams.builder().addExpand("balance_transaction").build());
    assertThat(expanded.getBalanceTransactionObject()).isNotNull();
    assertThat(expanded.getBalanceTransactionObject().getFee()).isEqualTo(59L);
    assertThat(expanded.getBalanceTransactionObject().getNet()).isEqualTo(941L);

    var list =
        stripe
            .v1()
            .charges()
            .list(
                ChargeListParams.builder()
                    .addExpand("data.balance_transaction")
                    .setLimit(1L)
                    .build());
    assertThat(list.getData().getFirst().getBalanceTransactionObject()).isNotNull();

    var txn =
        stripe
            .v1()
            .balanceTransactions()
            .retrieve(
                c.getBalanceTransaction(),
                com.stripe.param.BalanceTransactionRetrieveParams.builder()
                    .addExpand("source")
                    .build());
    assertThat(txn.getSourceObject()).isInstanceOf(Charge.class);
  }

  @Test
  void expandOfAPlainFieldIsRefused() throws StripeException {
    Charge c = create();
    assertStripeError(() ->
            stripe
                .v1()
                .charges()
                .retrieve(c.getId(), ChargeRetrieveParams.builder().addExpand("metadata").build()))
        .isInvalidRequest()
        .hasMessage("This property cannot be expanded (metadata).");
    assertStripeError(() ->
            stripe
                .v1()
                .charges()
                .list(ChargeListParams.builder().addExpand("balance_transaction").build()))
        .isInvalidRequest()
        .hasMessage(
            "This property cannot be expanded (balance_transaction). You may want to try"
                + " expanding 'data.balance_transaction' instead.");
  }
}
