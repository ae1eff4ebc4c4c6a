package tally.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.charges.TestCard;
import tally.charges.TestCards;
import tally.core.Ids;
import tally.core.Json;

/** When Stripe's test cards ask for 3-D Secure, and the {@code next_action} that sends there. */
final class ThreeDSecure {
  private ThreeDSecure() {}

  /** A payment asks unless the card never does, or asks only once and was already set up. */
  static boolean asksToPay(PaymentMethod pm) {
    return switch (card(pm).authentication()) {
      case NONE -> false;
      case ALWAYS -> true;
      case ON_SETUP -> !pm.authenticated();
    };
  }

  /** Setting a card up asks whenever the card knows 3-D Secure at all. */
  static boolean asksToSetUp(PaymentMethod pm) {
    return card(pm).authentication() != TestCard.Authentication.NONE;
  }

  private static TestCard card(PaymentMethod pm) {
    return TestCards.byToken(pm.token());
  }

  /** A new bearer token for the hosted page (its URL is the only way to answer). */
  static String newToken() {
    return "tdsa_" + Ids.random(32);
  }

  /**
   * {@code redirect_to_url} when the caller gave a {@code return_url}; otherwise Stripe asks its
   * SDK to authenticate ({@code use_stripe_sdk}), here pointing at the same page.
   */
  static ObjectNode nextAction(String publicUrl, String token, String returnUrl) {
    String url = publicUrl + "/p/3ds/" + token;
    ObjectNode next = Json.object();
    if (returnUrl != null) {
      next.set("redirect_to_url", Json.object().put("return_url", returnUrl).put("url", url));
      next.put("type", "redirect_to_url");
    } else {
      next.put("type", "use_stripe_sdk");
      next.set(
          "use_stripe_sdk",
          Json.object().put("stripe_js", url).put("type", "three_d_secure_redirect"));
    }
    return next;
  }
}
