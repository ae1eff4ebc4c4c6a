package tally.charges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Errors;

/** Test tokens turned into saved cards, for features that keep cards (customers). */
public final class Cards {
  private Cards() {}

  /**
   * Checks that {@code token} can be saved: an unknown token is a 404, and a card that declines
   * every charge cannot be attached at all (except {@code tok_chargeCustomerFail}, which attaches
   * and then fails each charge).
   */
  public static void checkAttachable(String token, String param) {
    TestCard card = TestCards.byToken(token);
    if (card == null) {
      throw Errors.noSuch("token", token, param);
    }
    Decline d = card.decline();
    if (d != null && !"tok_chargeCustomerFail".equals(token)) {
      throw new ApiException(
          new ApiError.CardError(d.code(), d.declineCode(), d.param(), d.message(), null));
    }
  }

  /** The {@code card} object of a saved card. */
  public static ObjectNode render(
      String accountId, String cardId, String token, long created, String customer) {
    return CardSnapshot.card(accountId, cardId, TestCards.byToken(token), created, customer);
  }

  /** The {@code card} hash of a PaymentMethod made from {@code token}. */
  public static ObjectNode paymentMethodCard(String accountId, String token, long created) {
    return CardSnapshot.methodCard(accountId, TestCards.byToken(token), created);
  }
}
