package tally.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.billing.Meter;
import tally.billing.Meters;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;
import tally.store.Rows;

/**
 * Prices: created once, then only active, metadata, nickname, lookup key and tax behavior change.
 */
public final class Prices {
  static final RowMapper<Price> MAPPER =
      (rs, c) ->
          new Price(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getString("product"),
              rs.getString("currency"),
              rs.getBoolean("active"),
              Rows.nullableLong(rs, "unit_amount"),
              rs.getString("unit_amount_decimal"),
              rs.getString("billing_scheme"),
              rs.getString("tiers_mode"),
              Json.tree(rs.getString("tiers")),
              Json.tree(rs.getString("recurring")),
              rs.getString("lookup_key"),
              rs.getString("nickname"),
              rs.getString("tax_behavior"),
              Json.tree(rs.getString("transform_quantity")),
              Json.stringMap(rs.getString("metadata")));

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
      Object transformQuantity) {
    checkMeter(ctx, spec.recurring());
    String id = Ids.newId("price_");
    ctx.db()
        .createUpdate(
            "INSERT INTO prices (account_id, id, seq, created, product, currency, active,"
                + " unit_amount, unit_amount_decimal, billing_scheme, tiers_mode, tiers, recurring,"
                + " lookup_key, nickname, tax_behavior, transform_quantity, metadata) VALUES (:a,"
                + " :id, :seq, :now, :product, :currency, :active, :unit_amount, :decimal, :scheme,"
                + " :tiers_mode, :tiers, :recurring, :lookup_key, :nickname, :tax, :transform,"
                + " :metadata)")
        .bind("a", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("now", ctx.now())
        .bind("product", product)
        .bind("currency", spec.currency())
        .bind("active", active)
        .bind("unit_amount", spec.unitAmount())
        .bind("decimal", spec.unitAmountDecimal())
        .bind("scheme", spec.billingScheme())
        .bind("tiers_mode", spec.tiersMode())
        .bind("tiers", Json.write(spec.tiers()))
        .bind("recurring", Json.write(spec.recurring()))
        .bind("lookup_key", lookupKey)
        .bind("nickname", nickname)
        .bind("tax", spec.taxBehavior())
        .bind("transform", Json.write(transformQuantity))
        .bind("metadata", Json.write(metadata))
        .execute();
    Price created = retrieve(ctx, id);
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
    ctx.db()
        .createUpdate("UPDATE prices SET lookup_key = NULL WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, holder.get())
        .execute();
  }

  public Optional<Price> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "prices", ctx.accountId(), id, MAPPER);
  }

  public Price retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("price", id, "price"));
  }

  Price update(Ctx ctx, String id, CatalogParams.PriceUpdate p) {
    Price price = retrieve(ctx, id);
    if (p.lookupKey() instanceof tally.api.Patch.Set<String> set
        && !set.value().equals(price.lookupKey())) {
      claimLookupKey(ctx, set.value(), p.transferLookupKey());
    }
    ctx.db()
        .createUpdate(
            "UPDATE prices SET active = :active, lookup_key = :lookup_key, nickname = :nickname,"
                + " metadata = :metadata, tax_behavior = :tax WHERE account_id = :a AND id = :id")
        .bind("active", p.active() == null ? price.active() : p.active())
        .bind("lookup_key", p.lookupKey().applyTo(price.lookupKey()))
        .bind("nickname", p.nickname().applyTo(price.nickname()))
        .bind("metadata", Json.write(p.metadata().applyTo(price.metadata())))
        .bind("tax", p.taxBehavior() == null ? price.taxBehavior() : p.taxBehavior())
        .bind("a", ctx.accountId())
        .bind("id", id)
        .execute();
    Price after = retrieve(ctx, id);
    ctx.emitUpdate("price.updated", after, Changes.previous(price, after));
    return after;
  }

  ListPage list(Ctx ctx, CatalogParams.PriceList f) {
    ListQuery<Price> q =
        new ListQuery<>("prices", "price", ctx.accountId(), MAPPER)
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
