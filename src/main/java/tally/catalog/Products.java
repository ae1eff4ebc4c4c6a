package tally.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Changes;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.api.Patch;
import tally.core.Ids;
import tally.core.Json;
import tally.core.Sequence;
import tally.store.Rows;

/** Products, and prices created through them ({@code default_price_data}, {@code product_data}). */
public final class Products {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  static final RowMapper<Product> MAPPER =
      (rs, c) -> {
        try {
          return new Product(
              rs.getString("id"),
              rs.getLong("created"),
              rs.getLong("updated"),
              rs.getString("name"),
              rs.getBoolean("active"),
              rs.getString("description"),
              rs.getString("default_price"),
              rs.getString("type"),
              rs.getString("url"),
              Rows.nullableBoolean(rs, "shippable"),
              rs.getString("unit_label"),
              rs.getString("statement_descriptor"),
              rs.getString("tax_code"),
              Json.MAPPER.readValue(rs.getString("images"), STRINGS),
              Json.stringMap(rs.getString("metadata")),
              rs.getBoolean("deleted"));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      };

  private final Prices prices;

  public Products(Prices prices) {
    this.prices = prices;
  }

  Product create(Ctx ctx, CatalogParams.ProductFields p) {
    String id = p.id() == null ? Ids.newId("prod_") : p.id();
    if (find(ctx, id).isPresent()) {
      throw new ApiException(
          new ApiError.InvalidRequest("resource_already_exists", "id", "Product already exists."));
    }
    ctx.db()
        .createUpdate(
            "INSERT INTO products (account_id, id, seq, created, updated, name, active,"
                + " description, type, url, shippable, unit_label, statement_descriptor, tax_code,"
                + " images, metadata, deleted) VALUES (:a, :id, :seq, :now, :now, :name, :active,"
                + " :description, :type, :url, :shippable, :unit_label, :sd, :tax_code, :images,"
                + " :metadata, FALSE)")
        .bind("a", ctx.accountId())
        .bind("id", id)
        .bind("seq", Sequence.next())
        .bind("now", ctx.now())
        .bind("name", p.name().applyTo(null))
        .bind("active", p.active() == null || p.active())
        .bind("description", p.description().applyTo(null))
        .bind("type", p.type() == null ? "service" : p.type())
        .bind("url", p.url().applyTo(null))
        .bind("shippable", p.shippable())
        .bind("unit_label", p.unitLabel().applyTo(null))
        .bind("sd", p.statementDescriptor().applyTo(null))
        .bind("tax_code", p.taxCode().applyTo(null))
        .bind("images", Json.write(p.images() == null ? List.of() : p.images()))
        .bind("metadata", Json.write(p.metadata().applyTo(Map.of())))
        .execute();
    if (p.defaultPriceData() != null) {
      Price price = prices.insert(ctx, id, p.defaultPriceData(), true, null, null, Map.of(), null);
      setDefaultPrice(ctx, id, price.id());
    }
    Product created = retrieve(ctx, id);
    ctx.emit("product.created", created);
    return created;
  }

  /** Creates a product from a price's {@code product_data}; returns its id. */
  String createFromData(Ctx ctx, String name) {
    return create(
            ctx,
            new CatalogParams.ProductFields(
                null,
                new Patch.Set<>(name),
                true,
                Patch.absent(),
                null,
                tally.api.Metadata.NONE,
                null,
                Patch.absent(),
                null,
                Patch.absent(),
                Patch.absent(),
                Patch.absent(),
                null,
                null))
        .id();
  }

  private void setDefaultPrice(Ctx ctx, String id, String priceId) {
    ctx.db()
        .createUpdate("UPDATE products SET default_price = ? WHERE account_id = ? AND id = ?")
        .bind(0, priceId)
        .bind(1, ctx.accountId())
        .bind(2, id)
        .execute();
  }

  public Optional<Product> find(Ctx ctx, String id) {
    return Rows.byId(ctx.db(), "products", ctx.accountId(), id, MAPPER);
  }

  /** A product that may still be used (not deleted); else Stripe's 404 naming {@code param}. */
  public Product requireLive(Ctx ctx, String id, String param) {
    return find(ctx, id)
        .filter(p -> !p.deleted())
        .orElseThrow(() -> Errors.noSuch("product", id, param));
  }

  Product retrieve(Ctx ctx, String id) {
    return find(ctx, id).orElseThrow(() -> Errors.noSuch("product", id, "id"));
  }

  Product update(Ctx ctx, String id, CatalogParams.ProductFields p) {
    Product current = requireLive(ctx, id, "id");
    String defaultPrice = current.defaultPrice();
    if (p.defaultPrice() != null) {
      Price price = prices.retrieve(ctx, p.defaultPrice());
      if (!price.product().equals(id)) {
        throw Errors.invalid(
            "default_price", "The price " + price.id() + " does not belong to product " + id + ".");
      }
      defaultPrice = price.id();
    }
    ctx.db()
        .createUpdate(
            "UPDATE products SET name = :name, active = :active, description = :description, url"
                + " = :url, shippable = :shippable, unit_label = :unit_label, statement_descriptor"
                + " = :sd, tax_code = :tax_code, images = :images, metadata = :metadata,"
                + " default_price = :default_price, updated = :now WHERE account_id = :a AND id ="
                + " :id")
        .bind("name", p.name().applyTo(current.name()))
        .bind("active", p.active() == null ? current.active() : p.active())
        .bind("description", p.description().applyTo(current.description()))
        .bind("url", p.url().applyTo(current.url()))
        .bind("shippable", p.shippable() == null ? current.shippable() : p.shippable())
        .bind("unit_label", p.unitLabel().applyTo(current.unitLabel()))
        .bind("sd", p.statementDescriptor().applyTo(current.statementDescriptor()))
        .bind("tax_code", p.taxCode().applyTo(current.taxCode()))
        .bind("images", Json.write(p.images() == null ? current.images() : p.images()))
        .bind("metadata", Json.write(p.metadata().applyTo(current.metadata())))
        .bind("default_price", defaultPrice)
        .bind("now", ctx.now())
        .bind("a", ctx.accountId())
        .bind("id", id)
        .execute();
    Product after = retrieve(ctx, id);
    ctx.emitUpdate("product.updated", after, Changes.previous(current, after));
    return after;
  }

  Product delete(Ctx ctx, String id) {
    requireLive(ctx, id, "id");
    if (prices.productHasPrices(ctx, id)) {
      throw Errors.invalid(
          null, "This product cannot be deleted because it has one or more user-created prices.");
    }
    ctx.db()
        .createUpdate("UPDATE products SET deleted = TRUE WHERE account_id = ? AND id = ?")
        .bind(0, ctx.accountId())
        .bind(1, id)
        .execute();
    Product deleted = retrieve(ctx, id);
    ctx.emit("product.deleted", deleted);
    return deleted;
  }

  ListPage list(Ctx ctx, CatalogParams.ProductList f) {
    ListQuery<Product> q =
        new ListQuery<>("products", "product", ctx.accountId(), MAPPER)
            .where("deleted = :no", Map.of("no", false))
            .whereEquals("active", f.active())
            .whereEquals("shippable", f.shippable())
            .whereEquals("url", f.url());
    q.whereIn("id", f.ids());
    return q.page(ctx.db(), f.page(), "/v1/products");
  }

  /**
   * A price made on the fly from Checkout's {@code price_data}: for {@code product}, or for a new
   * product named {@code productName}. Like Stripe, it is created inactive.
   */
  public Price adhocPrice(Ctx ctx, PriceSpec spec, String product, String productName) {
    String owner =
        product != null
            ? requireLive(ctx, product, "product").id()
            : createFromData(ctx, productName);
    return prices.insert(ctx, owner, spec, false, null, null, Map.of(), null);
  }

  Price createPrice(Ctx ctx, CatalogParams.PriceCreate p) {
    String product =
        p.product() != null
            ? requireLive(ctx, p.product(), "product").id()
            : createFromData(ctx, p.productName());
    prices.claimLookupKey(ctx, p.lookupKey(), p.transferLookupKey());
    return prices.insert(
        ctx,
        product,
        p.spec(),
        p.active() == null || p.active(),
        p.lookupKey(),
        p.nickname(),
        p.metadata(),
        p.transformQuantity());
  }
}
