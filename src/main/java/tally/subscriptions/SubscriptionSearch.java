package tally.subscriptions;

import java.util.Map;
import tally.api.Ctx;
import tally.search.MetadataIndex;
import tally.search.Search;
import tally.search.SearchField;

/**
 * {@code GET /v1/subscriptions/search}: the shared search engine over the fields Stripe lets one
 * search subscriptions by ({@code created}, {@code metadata}, {@code status}).
 */
final class SubscriptionSearch {
  private static final MetadataIndex METADATA =
      new MetadataIndex("subscription_metadata", "subscription_id");

  private SubscriptionSearch() {}

  static Search<Subscription> engine() {
    return new Search<>(
        Subscriptions.TABLE.name(),
        "subscription",
        Map.of(
            "created", SearchField.numeric("created"),
            "status", SearchField.token("status"),
            "metadata[]",
                Search.metadata("subscription_metadata", "subscription_id", "subscriptions")),
        Subscriptions.TABLE.mapper());
  }

  /** Keeps the metadata rows in step with the subscription's metadata. */
  static void indexMetadata(Ctx ctx, Subscription sub, boolean isNew) {
    if (isNew) {
      METADATA.insert(ctx, sub.id(), sub.metadata());
    } else {
      METADATA.write(ctx, sub.id(), sub.metadata());
    }
  }
}
