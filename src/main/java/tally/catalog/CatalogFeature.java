package tally.catalog;

import tally.billing.Meters;
import tally.feature.Feature;
import tally.feature.Installer;

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
    CatalogRoutes.register(in.routes(), in.expand(), products, prices);
    in.emits(
        "product.created",
        "product.updated",
        "product.deleted",
        "price.created",
        "price.updated",
        "price.deleted");
  }
}
