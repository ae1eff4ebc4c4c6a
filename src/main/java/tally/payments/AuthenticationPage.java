package tally.payments;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tally.api.ApiObject;
import tally.api.Ctx;
import tally.api.Params;
import tally.core.Money;
import tally.pages.HtmlPage;
import tally.pages.Pages;

/**
 * The hosted 3-D Secure page at {@code /p/3ds/{token}}, Tally's stand-in for Stripe's test
 * authentication page: Complete pays the intent, Fail declines it; either way the browser goes back
 * to the intent's {@code return_url} with {@code payment_intent}, {@code
 * payment_intent_client_secret} and {@code redirect_status}, as Stripe sends it.
 */
final class AuthenticationPage {
  private final Confirmations confirmations;
  private final PaymentMethods methods;

  AuthenticationPage(Confirmations confirmations, PaymentMethods methods) {
    this.confirmations = confirmations;
    this.methods = methods;
  }

  record Answer(String outcome) {
    static Answer decode(Params p) {
      return new Answer(p.oneOf("outcome", List.of("complete", "fail")));
    }
  }

  /** The intent waiting on {@code token}, seen from its own account. */
  private static Optional<Map.Entry<Ctx, PaymentIntent>> waiting(Ctx ctx, String token) {
    return ctx.db()
        .createQuery("SELECT account_id, id FROM payment_intents WHERE authentication_token = ?")
        .bind(0, token)
        .map((rs, sc) -> Map.entry(rs.getString(1), rs.getString(2)))
        .findOne()
        .flatMap(row -> {
          Ctx acting = ctx.forAccount(row.getKey());
          return PaymentIntents.TABLE.find(acting, row.getValue()).map(pi -> Map.entry(acting, pi));
        });
  }

  ApiObject show(Ctx ctx, String token) {
    var found = waiting(ctx, token);
    if (found.isEmpty()) {
      return Pages.message(
          404, "Authentication not found", "This authentication is complete or was never asked.");
    }
    Ctx acting = found.get().getKey();
    PaymentIntent pi = found.get().getValue();
    String last4 =
        methods
            .find(acting, pi.paymentMethod())
            .map(pm -> pm.card().path("last4").asText())
            .orElse("");
    return HtmlPage.ok(
        Pages.render(
            "authenticate.jte",
            Map.of(
                "action",
                "/p/3ds/" + token,
                "amount",
                Money.format(pi.amount(), pi.currency()),
                "last4",
                last4)));
  }

  ApiObject answer(Ctx ctx, String token, Answer a) {
    var found = waiting(ctx, token);
    if (found.isEmpty()) {
      return show(ctx, token);
    }
    Ctx acting = found.get().getKey();
    PaymentIntent pi =
        confirmations.authenticated(
            acting, found.get().getValue().id(), token, "complete".equals(a.outcome()));
    String returnUrl = found.get().getValue().returnUrl();
    boolean succeeded =
        pi.status() == IntentStatus.SUCCEEDED || pi.status() == IntentStatus.REQUIRES_CAPTURE;
    if (returnUrl == null) {
      return succeeded
          ? Pages.message(200, "Authentication complete", "You may close this window.")
          : Pages.message(200, "Authentication failed", "You may close this window.");
    }
    return HtmlPage.seeOther(
        returnUrl
            + (returnUrl.contains("?") ? "&" : "?")
            + "payment_intent="
            + pi.id()
            + "&payment_intent_client_secret="
            + URLEncoder.encode(pi.clientSecret(), StandardCharsets.UTF_8)
            + "&redirect_status="
            + (succeeded ? "succeeded" : "failed"));
  }
}
