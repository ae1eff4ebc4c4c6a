package tally.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Ctx;
import tally.api.Errors;
import tally.api.ListPage;
import tally.api.ListQuery;
import tally.api.Patch;
import tally.core.Ids;
import tally.store.Table;

/** Products, and prices created through them ({@code default_price_data}, {@code product_data}). */
public final class Products {
  static final Table<Product> TABLE = Table.of("products", Product.class);

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
    long now = ctx.now();
    Product created =
        TABLE.insert(
            ctx,
            new Product(
                id,
                now,
                now,
                p.name().applyTo(null),
                p.active() == null || p.active(),
                p.description().applyTo(null),
                null,
                p.type() == null ? "service" : p.type(),
                p.url().applyTo(null),
                p.shippable(),
                p.unitLabel().applyTo(null),
                p.statementDescriptor().applyTo(null),
                p.taxCode().applyTo(null),
                p.images() == null ? List.of() : p.images(),
                p.metadata().applyTo(Map.of()),
                false));
    if (p.defaultPriceData() != null) {
      Price price = prices.insert(ctx, id, p.defaultPriceData(), true, null, null, Map.of(), null);
      created = TABLE.set(ctx, id, Map.of("default_price", price.id())).orElseThrow();
    }
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

  public Optional<Product> find(Ctx ctx, String id) {
    return TABLE.find(ctx, id);
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

  /** Read-modify-write under the row lock (metadata merges). */
  Product update(Ctx ctx, String id, CatalogParams.ProductFields p) {
    var updated =
        TABLE
            .update(ctx, id, current -> changes(ctx, current, p))
            .orElseThrow(() -> Errors.noSuch("product", id, "id"));
    return ctx.emitUpdate("product.updated", updated);
  }

  /** The columns an update sets, worked out from the locked row {@code current}. */
  private Map<String, Object> changes(Ctx ctx, Product current, CatalogParams.ProductFields p) {
    String id = current.id();
    if (current.deleted()) {
      throw Errors.noSuch("product", id, "id");
    }
    String defaultPrice = current.defaultPrice();
    if (p.defaultPrice() != null) {
      Price price = prices.retrieve(ctx, p.defaultPrice());
      if (!price.product().equals(id)) {
        throw Errors.invalid(
            "default_price", "The price " + price.id() + " does not belong to product " + id + ".");
      }
      defaultPrice = price.id();
    }
    Map<String, Object> changes = new HashMap<>();
    changes.put("name", p.name().applyTo(current.name()));
    changes.put("active", p.active() == null ? current.active() : p.active());
    changes.put("description", p.description().applyTo(current.description()));
    changes.put("url", p.url().applyTo(current.url()));
    changes.put("shippable", p.shippable() == null ? current.shippable() : p.shippable());
    changes.put("unit_label", p.unitLabel().applyTo(current.unitLabel()));
    changes.put(
        "statement_descriptor", p.statementDescriptor().applyTo(current.statementDescriptor()));
    changes.put("tax_code", p.taxCode().applyTo(current.taxCode()));
    changes.put("images", p.images() == null ? current.images() : p.images());
    changes.put("metadata", p.metadata().applyTo(current.metadata()));
    changes.put("default_price", defaultPrice);
    changes.put("updated", ctx.now());
    return changes;
  }

  Product delete(Ctx ctx, String id) {
    requireLive(ctx, id, "id");
    if (prices.productHasPrices(ctx, id)) {
      throw Errors.invalid(
          null, "This product cannot be deleted because it has one or more user-created prices.");
    }
    Product deleted = TABLE.set(ctx, id, Map.of("deleted", true)).orElseThrow();
    ctx.emit("product.deleted", deleted);
    return deleted;
  }

  ListPage list(Ctx ctx, CatalogParams.ProductList f) {
    ListQuery<Product> q =
        new ListQuery<>("products", "product", ctx.accountId(), TABLE.mapper())
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
