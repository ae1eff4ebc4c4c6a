package tally.checkout;

import tally.api.Expander;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.charges.Charges;
import tally.http.Decoder;
import tally.http.Router;

/** Checkout Session endpoints and the hosted payment page. */
public final class CheckoutRoutes {
  private CheckoutRoutes() {}

  public static void register(Router r, Expander x, CheckoutSessions sessions, Charges charges) {
    r.post("/v1/checkout/sessions", CheckoutParams.Create::decode, sessions::create);
    r.get("/v1/checkout/sessions", CheckoutParams.ListFilter::decode, sessions::list);
    r.get(
        "/v1/checkout/sessions/{session}",
        Decoder.none(),
        (ctx, p) -> sessions.retrieve(ctx, ctx.path("session")));
    r.post(
        "/v1/checkout/sessions/{session}",
        CheckoutParams.Update::decode,
        (ctx, p) -> sessions.update(ctx, ctx.path("session"), p));
    r.post(
        "/v1/checkout/sessions/{session}/expire",
        Decoder.none(),
        (ctx, p) -> sessions.expire(ctx, ctx.path("session")));
    r.get(
        "/v1/checkout/sessions/{session}/line_items",
        ListParams::read,
        (ctx, p) -> {
          sessions.retrieve(ctx, ctx.path("session"));
          var items = sessions.lineItems(ctx, ctx.path("session"));
          return new ListPage(
              "/v1/checkout/sessions/" + ctx.path("session") + "/line_items",
              items.subList(0, Math.min(items.size(), p.limit())),
              items.size() > p.limit());
        });
    x.finder("cs_", (ctx, id) -> sessions.find(ctx, id).orElse(null));
    x.expandable("checkout.session", "customer", "payment_intent", "invoice", "subscription");
    x.includable(
        "checkout.session",
        "line_items",
        (ctx, owner) -> {
          String id = owner.path("id").asText();
          return new ListPage(
              "/v1/checkout/sessions/" + id + "/line_items", sessions.lineItems(ctx, id), false);
        });

    CheckoutPage page = new CheckoutPage(sessions, charges);
    r.open(
        "GET", "/c/pay/{session}", Decoder.none(), (ctx, p) -> page.show(ctx, ctx.path("session")));
    r.open(
        "POST",
        "/c/pay/{session}",
        CheckoutPage.PayForm::decode,
        (ctx, p) -> page.pay(ctx, ctx.path("session"), p));
  }
}
