package tally.charges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.StripeCollection;
import com.stripe.param.ChargeCreateParams;
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

  private Charge create(String transferGroup) throws StripeException {
    var b =
        ChargeCreateParams.builder()
            .setAmount(1000L)
            .setCurrency("usd")
            .setSource("tok_visa")
            .putMetadata("keep", "yes")
            .putMetadata("drop", "soon");
    if (transferGroup != null) {
      b.setTransferGroup(transferGroup);
    }
    return stripe.v1().charges().create(b.build());
  }

  @Test
  void updateChangesOnlyWhatWasSentAndMergesMetadata() throws StripeException {
    Charge c = create(null);
    Charge u =
        stripe
            .v1()
            .charges()
            .update(
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
                            .build())
                    .build());
    assertThat(u.getDescription()).isEqualTo("updated");
    assertThat(u.getMetadata()).isEqualTo(Map.of("keep", "yes", "new", "1"));
    assertThat(u.getFraudDetails().getUserReport()).isEqualTo("safe");
    assertThat(u.getShipping().getAddress().getCity()).isEqualTo("Berlin");
    assertThat(u.getAmount()).isEqualTo(1000L);
    Charge cleared =
        stripe
            .v1()
            .charges()
            .update(
                c.getId(),
                ChargeUpdateParams.builder()
                    .setDescription(com.stripe.param.common.EmptyParam.EMPTY)
                    .setMetadata(com.stripe.param.common.EmptyParam.EMPTY)
                    .build());
    assertThat(cleared.getDescription()).isNull();
    assertThat(cleared.getMetadata()).isEmpty();
  }

  @Test
  void updateRefusesFieldsThatCannotChange() throws StripeException {
    Charge c = create(null);
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .update(c.getId(), ChargeUpdateParams.builder().putExtraParam("amount", 5).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("amount"));
  }

  @Test
  void metadataLimitsAreEnforced() throws StripeException {
    Charge c = create(null);
    var tooMany = ChargeUpdateParams.builder();
    for (int i = 0; i < 50; i++) {
      tooMany.putMetadata("k" + i, "v");
    }
    assertThatThrownBy(() -> stripe.v1().charges().update(c.getId(), tooMany.build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.getStripeError().getMessage())
                    .startsWith("Metadata can have up to 50 keys, but you've set 52."));
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .update(
                    c.getId(),
                    ChargeUpdateParams.builder().putMetadata("k".repeat(41), "v").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getParam()).isEqualTo("metadata");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo(
                      "Invalid key: " + "k".repeat(41) + " must be a string under 40 characters");
            });
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .update(
                    c.getId(),
                    ChargeUpdateParams.builder().putMetadata("k", "v".repeat(501)).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.getStripeError().getMessage()).startsWith("Invalid val: "));
    assertThat(stripe.v1().charges().retrieve(c.getId()).getMetadata()).hasSize(2);
  }

  @Test
  void retrieveOfAnUnknownChargeIs404() {
    assertThatThrownBy(() -> stripe.v1().charges().retrieve("ch_doesnotexist"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getCode()).isEqualTo("resource_missing");
              assertThat(e.getParam()).isEqualTo("charge");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("No such charge: 'ch_doesnotexist'");
            });
  }

  @Test
  void anotherAccountCannotSeeTheCharge() throws StripeException {
    Charge c = create(null);
    StripeClient other = SERVER.newClient();
    assertThatThrownBy(() -> other.v1().charges().retrieve(c.getId()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThat(other.v1().charges().list().getData()).isEmpty();
  }

  @Test
  void listPagesForwardAndBackwardNewestFirst() throws StripeException {
    StripeClient fresh = SERVER.newClient();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(
          0,
          fresh
              .v1()
              .charges()
              .create(
                  ChargeCreateParams.builder()
                      .setAmount(1000L + i)
                      .setCurrency("usd")
                      .setSource("tok_visa")
                      .build())
              .getId());
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
    StripeClient fresh = SERVER.newClient();
    StripeClient saved = fresh;
    Charge a =
        saved
            .v1()
            .charges()
            .create(
                ChargeCreateParams.builder()
                    .setAmount(1000L)
                    .setCurrency("usd")
                    .setSource("tok_visa")
                    .setTransferGroup("g1")
                    .build());
    saved
        .v1()
        .charges()
        .create(
            ChargeCreateParams.builder()
                .setAmount(1000L)
                .setCurrency("usd")
                .setSource("tok_visa")
                .build());
    assertThat(
            saved
                .v1()
                .charges()
                .list(ChargeListParams.builder().setTransferGroup("g1").build())
                .getData())
        .extracting(Charge::getId)
        .containsExactly(a.getId());
    assertThat(
            saved
                .v1()
                .charges()
                .list(
                    ChargeListParams.builder()
                        .setCreated(
                            ChargeListParams.Created.builder().setGt(a.getCreated() + 1000).build())
                        .build())
                .getData())
        .isEmpty();
    assertThat(
            saved
                .v1()
                .charges()
                .list(
                    ChargeListParams.builder()
                        .setCreated(
                            ChargeListParams.Created.builder().setGte(a.getCreated()).build())
                        .build())
                .getData())
        .hasSize(2);
  }

  @Test
  void limitOutsideOneToHundredIsRefused() {
    assertThatThrownBy(
            () -> stripe.v1().charges().list(ChargeListParams.builder().setLimit(101L).build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getParam()).isEqualTo("limit");
              assertThat(e.getStripeError().getMessage())
                  .isEqualTo("This value must be less than or equal to 100.");
            });
    assertThatThrownBy(
            () -> stripe.v1().charges().list(ChargeListParams.builder().setLimit(0L).build()))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void unknownCursorIs404() {
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .list(ChargeListParams.builder().setStartingAfter("ch_nope").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getParam()).isEqualTo("starting_after");
            });
  }

  @Test
  void expandReplacesIdsWithObjects() throws StripeException {
    Charge c = create(null);
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
    Charge c = create(null);
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .retrieve(c.getId(), ChargeRetrieveParams.builder().addExpand("metadata").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.getStripeError().getMessage())
                    .isEqualTo("This property cannot be expanded (metadata)."));
    assertThatThrownBy(() ->
            stripe
                .v1()
                .charges()
                .list(ChargeListParams.builder().addExpand("balance_transaction").build()))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.getStripeError().getMessage())
                    .isEqualTo(
                        "This property cannot be expanded (balance_transaction). You may want to try"
                            + " expanding 'data.balance_transaction' instead."));
  }
}
