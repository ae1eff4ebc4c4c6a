package tally.customers;

import tally.api.Expander;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Customers, their saved cards and customer search. */
public final class CustomersFeature implements Feature {
  private final Customers customers = new Customers();

  public Customers customers() {
    return customers;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
    r.post("/v1/customers", CustomerParams.Fields::decode, customers::create);
    r.get("/v1/customers", CustomerParams.ListFilter::decode, customers::list);
    var search = Customers.searchEngine();
    r.get(
        "/v1/customers/search",
        tally.search.Search.Request::decode,
        (ctx, q) -> search.run(ctx, q, "/v1/customers/search"));
    r.get(
        "/v1/customers/{customer}",
        Decoder.none(),
        (ctx, p) -> customers.retrieve(ctx, ctx.path("customer")));
    r.post(
        "/v1/customers/{customer}",
        CustomerParams.Fields::decodeUpdate,
        (ctx, p) -> customers.update(ctx, ctx.path("customer"), p));
    r.delete(
        "/v1/customers/{customer}",
        Decoder.none(),
        (ctx, p) -> customers.delete(ctx, ctx.path("customer")));
    x.finder("cus_", (ctx, id) -> customers.findLive(ctx, id).orElse(null));
    x.finder("card_", customers::cardObject);
    x.expandable(
        "customer", "default_source", "test_clock", "invoice_settings.default_payment_method");

    in.emits("customer.created", "customer.updated", "customer.deleted");
  }
}
