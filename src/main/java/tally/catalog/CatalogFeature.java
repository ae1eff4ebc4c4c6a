package tally.catalog;

import tally.api.Expander;
import tally.billing.Meters;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Products and prices (metered prices name a billing meter). */
public final class CatalogFeature implements Feature {
  private final Prices prices;
  private final Products products;

  public CatalogFeature(Meters meters) {
    this.prices = new Prices(meters);
    this.products = new Products(prices);
  }

  public Prices prices() {
    return prices;
  }

  public Products products() {
    return products;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
    r.post("/v1/products", CatalogParams.ProductFields::decodeCreate, products::create);
    r.get("/v1/products", CatalogParams.ProductList::decode, products::list);
    r.get("/v1/products/{id}", Decoder.none(), (ctx, p) -> products.retrieve(ctx, ctx.path("id")));
    r.post(
        "/v1/products/{id}",
        CatalogParams.ProductFields::decodeUpdate,
        (ctx, p) -> products.update(ctx, ctx.path("id"), p));
    r.delete("/v1/products/{id}", Decoder.none(), (ctx, p) -> products.delete(ctx, ctx.path("id")));

    r.post("/v1/prices", CatalogParams.PriceCreate::decode, products::createPrice);
    r.get("/v1/prices", CatalogParams.PriceList::decode, prices::list);
    r.get(
        "/v1/prices/{price}", Decoder.none(), (ctx, p) -> prices.retrieve(ctx, ctx.path("price")));
    r.post(
        "/v1/prices/{price}",
        CatalogParams.PriceUpdate::decode,
        (ctx, p) -> prices.update(ctx, ctx.path("price"), p));

    x.finder("prod_", (ctx, id) -> products.find(ctx, id).orElse(null));
    x.finder("price_", (ctx, id) -> prices.find(ctx, id).orElse(null));
    x.expandable("product", "default_price", "tax_code");
    x.expandable("price", "product", "tiers", "currency_options");

    in.emits(
        "product.created",
        "product.updated",
        "product.deleted",
        "price.created",
        "price.updated",
        "price.deleted");
  }
}
