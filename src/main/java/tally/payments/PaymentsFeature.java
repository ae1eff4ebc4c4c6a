package tally.payments;

import java.util.function.Supplier;
import tally.api.Expander;
import tally.charges.ChargesFeature;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** PaymentMethods, PaymentIntents and SetupIntents, with the hosted 3-D Secure page. */
public final class PaymentsFeature implements Feature {
  private final PaymentMethods methods;
  private final Confirmations confirmations;
  private final PaymentIntents intents;
  private final SetupIntents setups;
  private final CardPayments cardPayments;

  /** For hosted pages that take cards (Checkout). */
  public CardPayments cardPayments() {
    return cardPayments;
  }

  public PaymentsFeature(Customers customers, ChargesFeature charges, Supplier<String> publicUrl) {
    this.methods = new PaymentMethods(customers);
    this.confirmations = new Confirmations(methods, charges.charges(), publicUrl);
    this.intents = new PaymentIntents(customers, charges.captures(), confirmations);
    this.setups = new SetupIntents(customers, methods, publicUrl);
    this.cardPayments = new CardPayments(methods, intents, confirmations, setups);
    customers.checkPaymentMethodsWith(methods::isAttached);
    charges.charges().knowIntentsBy((ctx, id) -> intents.find(ctx, id).isPresent());
    charges.captures().onExpiry(intents::authorizationExpired);
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    Expander x = in.expand();
    r.post("/v1/payment_methods", PaymentMethodParams.Create::decode, methods::create)
        .withPublishableKey();
    r.get(
        "/v1/payment_methods",
        PaymentMethodParams.ListFilter::decode,
        (ctx, f) -> methods.list(ctx, f, null, "/v1/payment_methods"));
    r.get(
        "/v1/payment_methods/{payment_method}",
        Decoder.none(),
        (ctx, p) -> methods.retrieve(ctx, ctx.path("payment_method")));
    r.post(
        "/v1/payment_methods/{payment_method}",
        PaymentMethodParams.Update::decode,
        (ctx, p) -> methods.update(ctx, ctx.path("payment_method"), p));
    r.post(
        "/v1/payment_methods/{payment_method}/attach",
        PaymentMethodParams.Attach::decode,
        (ctx, p) -> methods.attach(ctx, ctx.path("payment_method"), p.customer()));
    r.post(
        "/v1/payment_methods/{payment_method}/detach",
        Decoder.none(),
        (ctx, p) -> methods.detach(ctx, ctx.path("payment_method")));
    r.get(
        "/v1/customers/{customer}/payment_methods",
        PaymentMethodParams.ListFilter::decodeForCustomer,
        (ctx, f) ->
            methods.list(
                ctx,
                f,
                ctx.path("customer"),
                "/v1/customers/" + ctx.path("customer") + "/payment_methods"));
    r.get(
        "/v1/customers/{customer}/payment_methods/{payment_method}",
        Decoder.none(),
        (ctx, p) ->
            methods.retrieveForCustomer(ctx, ctx.path("customer"), ctx.path("payment_method")));

    r.post("/v1/payment_intents", PaymentIntentParams.Create::decode, intents::create);
    r.get("/v1/payment_intents", PaymentIntentParams.ListFilter::decode, intents::list);
    var search = PaymentIntents.searchEngine();
    r.get(
        "/v1/payment_intents/search",
        tally.search.Search.Request::decode,
        (ctx, q) -> search.run(ctx, q, "/v1/payment_intents/search"));
    r.get(
            "/v1/payment_intents/{intent}",
            ClientSecret::decode,
            (ctx, secret) -> {
              PaymentIntent pi = intents.retrieve(ctx, ctx.path("intent"));
              ClientSecret.check(ctx, secret.value(), pi.clientSecret(), "PaymentIntent");
              return pi;
            })
        .withPublishableKey();
    r.post(
        "/v1/payment_intents/{intent}",
        PaymentIntentParams.Update::decode,
        (ctx, p) -> intents.update(ctx, ctx.path("intent"), p));
    r.post(
            "/v1/payment_intents/{intent}/confirm",
            PaymentIntentParams.Confirm::decode,
            (ctx, p) -> confirmations.confirm(ctx, ctx.path("intent"), p))
        .withPublishableKey();
    r.post(
        "/v1/payment_intents/{intent}/capture",
        PaymentIntentParams.Capture::decode,
        (ctx, p) -> intents.capture(ctx, ctx.path("intent"), p));
    r.post(
        "/v1/payment_intents/{intent}/increment_authorization",
        PaymentIntentParams.Increment::decode,
        (ctx, p) -> intents.incrementAuthorization(ctx, ctx.path("intent"), p));
    r.post(
        "/v1/payment_intents/{intent}/cancel",
        PaymentIntentParams.Cancel::decode,
        (ctx, p) -> intents.cancel(ctx, ctx.path("intent"), p));

    r.post("/v1/setup_intents", SetupIntentParams.Create::decode, setups::create);
    r.get("/v1/setup_intents", SetupIntentParams.ListFilter::decode, setups::list);
    r.get(
            "/v1/setup_intents/{intent}",
            ClientSecret::decode,
            (ctx, secret) -> {
              SetupIntent si = setups.retrieve(ctx, ctx.path("intent"));
              ClientSecret.check(ctx, secret.value(), si.clientSecret(), "SetupIntent");
              return si;
            })
        .withPublishableKey();
    r.post(
        "/v1/setup_intents/{intent}",
        SetupIntentParams.Update::decode,
        (ctx, p) -> setups.update(ctx, ctx.path("intent"), p));
    r.post(
            "/v1/setup_intents/{intent}/confirm",
            SetupIntentParams.Confirm::decode,
            (ctx, p) -> setups.confirm(ctx, ctx.path("intent"), p))
        .withPublishableKey();
    r.post(
        "/v1/setup_intents/{intent}/cancel",
        SetupIntentParams.Cancel::decode,
        (ctx, p) -> setups.cancel(ctx, ctx.path("intent"), p));

    AuthenticationPage page = new AuthenticationPage(confirmations, setups, methods);
    r.open("GET", "/p/3ds/{token}", Decoder.none(), (ctx, p) -> page.show(ctx, ctx.path("token")));
    r.open(
        "POST",
        "/p/3ds/{token}",
        AuthenticationPage.Answer::decode,
        (ctx, a) -> page.answer(ctx, ctx.path("token"), a));

    x.finder("pm_", (ctx, id) -> methods.find(ctx, id).orElse(null));
    x.finder("pi_", (ctx, id) -> intents.find(ctx, id).orElse(null));
    x.finder("seti_", (ctx, id) -> setups.find(ctx, id).orElse(null));
    x.expandable(
        "payment_method",
        "customer",
        "card.generated_from.setup_attempt",
        "sepa_debit.generated_from.charge",
        "sepa_debit.generated_from.setup_attempt");
    x.expandable(
        "setup_intent",
        "application",
        "customer",
        "latest_attempt",
        "mandate",
        "on_behalf_of",
        "payment_method",
        "single_use_mandate");
    x.expandable(
        "payment_intent",
        "customer",
        "payment_method",
        "latest_charge",
        "application",
        "on_behalf_of",
        "review",
        "source",
        "transfer_data.destination");

    in.emits(
        "payment_method.attached",
        "payment_method.detached",
        "payment_method.updated",
        "payment_intent.created",
        "payment_intent.updated",
        "payment_intent.requires_action",
        "payment_intent.amount_capturable_updated",
        "payment_intent.succeeded",
        "payment_intent.payment_failed",
        "payment_intent.canceled",
        "setup_intent.created",
        "setup_intent.updated",
        "setup_intent.requires_action",
        "setup_intent.succeeded",
        "setup_intent.setup_failed",
        "setup_intent.canceled");
  }
}
