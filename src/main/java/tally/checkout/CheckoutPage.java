package tally.checkout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Params;
import tally.charges.Charge;
import tally.charges.ChargeParams;
import tally.charges.Charges;
import tally.charges.TestCards;
import tally.core.Json;
import tally.core.Money;
import tally.pages.HtmlPage;
import tally.pages.Pages;

/**
 * The hosted payment page at {@code /c/pay/{session}}: the payer types an email and a test card
 * number; the payment goes through the same charges code as the API.
 */
final class CheckoutPage {
  private final CheckoutSessions sessions;
  private final Charges charges;

  CheckoutPage(CheckoutSessions sessions, Charges charges) {
    this.sessions = sessions;
    this.charges = charges;
  }

  record PayForm(String email, String number) {
    static PayForm decode(Params p) {
      return new PayForm(p.string("email"), p.string("number"));
    }
  }

  private Optional<Ctx> acting(Ctx ctx, String id) {
    return sessions.accountOf(ctx, id).map(ctx::forAccount);
  }

  ApiObject show(Ctx ctx, String id) {
    Optional<Ctx> acting = acting(ctx, id);
    if (acting.isEmpty()) {
      return Pages.message(404, "Link not found", "This checkout link is not valid.");
    }
    return render(acting.get(), sessions.retrieve(acting.get(), id), null, null, 200);
  }

  private ApiObject render(Ctx ctx, CheckoutSession s, String email, String error, int status) {
    if (!s.open() || s.expiresAt() <= ctx.now()) {
      return s.status() == CheckoutStatus.COMPLETE
          ? Pages.message(410, "Already paid", "This checkout session is complete.")
          : Pages.message(410, "Session expired", "This checkout session has expired.");
    }
    List<Map<String, String>> items = new ArrayList<>();
    for (LineItem item : sessions.lineItems(ctx, s.id())) {
      items.add(
          Map.of(
              "description", item.description() == null ? "" : item.description(),
              "quantity", Long.toString(item.quantity()),
              "amount", Money.format(item.amount(), item.currency())));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("items", items);
    params.put("total", s.amountTotal() == null ? "" : Money.format(s.amountTotal(), s.currency()));
    params.put("email", email != null ? email : s.customerEmail());
    params.put("action", "/c/pay/" + s.id());
    params.put("cancelUrl", s.field("cancel_url"));
    params.put("error", error);
    return HtmlPage.status(status, Pages.render("checkout.jte", params));
  }

  ApiObject pay(Ctx ctx, String id, PayForm form) {
    Optional<Ctx> found = acting(ctx, id);
    if (found.isEmpty()) {
      return show(ctx, id);
    }
    Ctx acting = found.get();
    CheckoutSession s = sessions.retrieve(acting, id);
    if (!s.open() || s.expiresAt() <= acting.now()) {
      return render(acting, s, null, null, 410);
    }
    String token = TestCards.tokenForNumber(form.number());
    if (token == null) {
      return render(
          acting,
          s,
          form.email(),
          "That is not a test card number Tally knows, e.g. 4242 4242 4242 4242.",
          400);
    }
    String email = form.email() != null ? form.email() : s.customerEmail();
    String customer = s.customer();
    if (customer == null && "always".equals(s.field("customer_creation"))) {
      customer = sessions.customers().createWithEmail(acting, email).id();
    }
    String chargeId = null;
    if (s.amountTotal() != null && s.amountTotal() > 0) {
      try {
        chargeId = charge(acting, s, token, email).id();
      } catch (ApiException e) {
        if (e.error() instanceof ApiError.CardError card) {
          // The failed charge stays stored (as via the API); the payer may try another card.
          return render(acting, s, email, card.message(), 402);
        }
        return render(acting, s, email, e.error().message(), 400);
      }
    }
    Optional<CheckoutSession> completed = sessions.complete(acting, id, email, chargeId, customer);
    if (completed.isEmpty()) {
      return render(acting, sessions.retrieve(acting, id), null, null, 409);
    }
    acting.emit("checkout.session.completed", completed.get());
    String success = s.field("success_url");
    return success == null
        ? Pages.message(200, "Thank you", "Your payment is complete.")
        : HtmlPage.seeOther(success.replace("{CHECKOUT_SESSION_ID}", id));
  }

  private Charge charge(Ctx ctx, CheckoutSession s, String token, String email) {
    Map<String, String> metadata = Json.stringMap(Json.write(s.fields().get("payment_metadata")));
    return charges.create(
        ctx,
        new ChargeParams.Create(
            s.amountTotal(),
            s.currency(),
            token,
            null,
            !"manual".equals(s.field("capture_method")),
            s.field("payment_description"),
            metadata,
            email,
            null,
            null,
            null,
            null));
  }
}
