package tally.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.api.Patch;
import tally.billing.Meter;
import tally.billing.Meters;
import tally.core.Ids;
import tally.store.Table;

/**
 * Prices: created once, then only active, metadata, nickname, lookup key and tax behavior change.
 */
public final class Prices {
  static final Table<Price> TABLE = Table.of("prices", Price.class);

  private final Meters meters;

  public Prices(Meters meters) {
    this.meters = meters;
  }

  /** Inserts a price of {@code product} (which the caller made sure exists). */
  Price insert(
      Ctx ctx,
      String product,
      PriceSpec spec,
      boolean active,
      String lookupKey,
      String nickname,
      Map<String, String> metadata,
      JsonNode transformQuantity) {
    checkMeter(ctx, spec.recurring());
    Price created =
        TABLE.insert(
            ctx,
            new Price(
                Ids.newId("price_"),
                ctx.now(),
                product,
                spec.currency(),
                active,
                spec.unitAmount(),
                spec.unitAmountDecimal(),
                spec.billingScheme(),
                spec.tiersMode(),
                spec.tiers(),
                spec.recurring(),
                lookupKey,
                nickname,
                spec.taxBehavior(),
                transformQuantity,
                metadata));
    ctx.emit("price.created", created);
    return created;
  }

  private void checkMeter(Ctx ctx, JsonNode recurring) {
    if (recurring == null
        || recurring.path("meter").isNull()
        || recurring.path("meter").isMissingNode()) {
      return;
    }
    String meterId = recurring.path("meter").asText();
    Meter meter =
        meters
            .find(ctx, meterId)
            .orElseThrow(() -> Errors.noSuch("meter", meterId, "recurring[meter]"));
    if (!meter.active()) {
      throw Errors.invalid(
          "recurring[meter]",
          "The meter " + meterId + " is inactive and cannot be attached to a price.");
    }
  }

  /** Frees {@code lookupKey} for a new price, or refuses when another price holds it. */
  void claimLookupKey(Ctx ctx, String lookupKey, boolean transfer) {
    if (lookupKey == null) {
      return;
    }
    Optional<String> holder =
        ctx.db()
            .createQuery("SELECT id FROM prices WHERE account_id = ? AND lookup_key = ?")
            .bind(0, ctx.accountId())
            .bind(1, lookupKey)
            .mapTo(String.class)
            .findOne();
    if (holder.isEmpty()) {
      return;
    }
    if (!transfer) {
      throw Errors.invalid(
          "lookup_key",
          "A price (`"
              + holder.get()
              + "`) already uses that lookup key. Set `transfer_lookup_key=true` to move it to this"
              + " price.");
    }
    TABLE.set(ctx, holder.get(), Collections.singletonMap("lookup_key", null));
  }

  public Optional<Price> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
  }

  public Price retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("price", id, "price"));
  }

  /** Read-modify-write under the row lock (metadata merges). */
  Price update(Ctx ctx, String id, CatalogParams.PriceUpdate p) {
    var updated =
        TABLE
            .update(
                ctx,
                id,
                price -> {
                  if (p.lookupKey() instanceof Patch.Set<String> set
                      && !set.value().equals(price.lookupKey())) {
                    claimLookupKey(ctx, set.value(), p.transferLookupKey());
                  }
                  Map<String, Object> changes = new HashMap<>();
                  changes.put("active", p.active() == null ? price.active() : p.active());
                  changes.put("lookup_key", p.lookupKey().applyTo(price.lookupKey()));
                  changes.put("nickname", p.nickname().applyTo(price.nickname()));
                  changes.put("metadata", p.metadata().applyTo(price.metadata()));
                  changes.put(
                      "tax_behavior",
                      p.taxBehavior() == null ? price.taxBehavior() : p.taxBehavior());
                  return changes;
                })
            .orElseThrow(() -> Errors.noSuch("price", id, "price"));
    return ctx.emitUpdate("price.updated", updated);
  }

  ListPage list(Ctx ctx, CatalogParams.PriceList f) {
    ListQuery<Price> q =
        new ListQuery<>("prices", "price", ctx.accountId(), TABLE.mapper())
            .whereEquals("active", f.active())
            .whereEquals("currency", f.currency())
            .whereEquals("product", f.product());
    if (f.type() != null) {
      q.where(
          "recurring".equals(f.type())
              ? "recurring IS NOT NULL AND recurring <> 'null'"
              : "(recurring IS NULL OR recurring = 'null')",
          Map.of());
    }
    q.whereIn("lookup_key", f.lookupKeys());
    return q.page(ctx.db(), f.page(), "/v1/prices");
  }

  boolean productHasPrices(Ctx ctx, String product) {
    return ctx.db()
            .createQuery("SELECT COUNT(*) FROM prices WHERE account_id = ? AND product = ?")
            .bind(0, ctx.accountId())
            .bind(1, product)
            .mapTo(Long.class)
            .one()
        > 0;
  }
}
