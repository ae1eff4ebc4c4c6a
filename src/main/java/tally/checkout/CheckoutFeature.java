package tally.checkout;

import java.util.function.Supplier;
import tally.api.Expander;
import tally.api.ListPage;
import tally.api.ListParams;
import tally.catalog.CatalogFeature;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;
import tally.invoices.InvoiceCollection;
import tally.invoices.Invoices;
import tally.payments.CardPayments;
import tally.subscriptions.SubscriptionStarts;

/** Checkout Sessions and the hosted payment page; open sessions expire on the clock. */
public final class CheckoutFeature implements Feature {
  private final CheckoutSessions sessions;
  private final CardPayments cards;
  private final Billing billing;

  /** What subscription mode starts subscriptions and pays their first invoices with. */
  public record Billing(
      SubscriptionStarts starts, Invoices invoices, InvoiceCollection collection) {}

  public CheckoutFeature(
      CatalogFeature catalog,
      Customers customers,
      CardPayments cards,
      Billing billing,
      Supplier<String> publicUrl) {
    this.sessions =
        new CheckoutSessions(catalog.prices(), catalog.products(), customers, cards, publicUrl);
    this.cards = cards;
    this.billing = billing;
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
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
    x.expandable(
        "checkout.session",
        "customer",
        "invoice",
        "payment_intent",
        "payment_link",
        "setup_intent",
        "subscription",
        "automatic_tax.liability.account",
        "invoice_creation.invoice_data.issuer.account",
        "shipping_cost.shipping_rate");
    x.includable(
        "checkout.session",
        "line_items",
        (ctx, owner) -> {
          String id = owner.path("id").asText();
          return new ListPage(
              "/v1/checkout/sessions/" + id + "/line_items", sessions.lineItems(ctx, id), false);
        });

    // The session url's #fragment never reaches the server: the page routes on the path.
    CheckoutPage page =
        new CheckoutPage(sessions, cards, new SubscriptionCheckout(sessions, cards, billing));
    r.open(
        "GET", "/c/pay/{session}", Decoder.none(), (ctx, p) -> page.show(ctx, ctx.path("session")));
    r.open(
        "POST",
        "/c/pay/{session}",
        CardForm::decode,
        (ctx, p) -> page.pay(ctx, ctx.path("session"), p));
    r.open(
        "GET",
        "/c/pay/{session}/return",
        CheckoutPage::ignoreRedirectParams,
        (ctx, p) -> page.returned(ctx, ctx.path("session")));
    // Back from 3-D Secure the page pays an invoice or completes the session: one transaction.
    r.writingOnGet();

    in.due(
        "SELECT account_id, id FROM checkout_sessions WHERE status = 'open' AND expires_at <="
            + " :now AND <clock> LIMIT 500",
        sessions::expireDue);
    in.emits(
        "checkout.session.completed",
        "checkout.session.expired",
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed");
  }
}
