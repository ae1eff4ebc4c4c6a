package tally.charges;

import java.util.Optional;
import tally.api.Ctx;

/** What charges need from the customers feature: whether a customer exists, and its cards. */
public interface CustomerCards {
  /** A card saved on a customer: its id and the test token it was created from. */
  record SavedCard(String id, String token) {}

  boolean exists(Ctx ctx, String customerId);

  /** The test clock the customer lives on (its charges fall due on its time), or null. */
  String testClockOf(Ctx ctx, String customerId);

  /** The customer's card {@code cardId}, or its default card when {@code cardId} is null. */
  Optional<SavedCard> card(Ctx ctx, String customerId, String cardId);
}
