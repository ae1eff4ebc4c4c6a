package tally.customers;

import tally.feature.Feature;
import tally.feature.Installer;

/** Customers, their saved cards and customer search. */
public final class CustomersFeature implements Feature {
  private final Customers customers = new Customers();

  public Customers customers() {
    return customers;
  }

  @Override
  public void install(Installer in) {
    CustomerRoutes.register(in.routes(), in.expand(), customers);
    in.emits("customer.created", "customer.updated", "customer.deleted");
  }
}
