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
 * authentication page: Complete pays (or sets up) the intent, Fail declines it; either way the
 * browser goes back to the intent's {@code return_url} with the intent's id, its client secret and
 * {@code redirect_status}, as Stripe sends them.
 */
final class AuthenticationPage {
  private final Confirmations confirmations;
  private final SetupIntents setups;
  private final PaymentMethods methods;

  AuthenticationPage(Confirmations confirmations, SetupIntents setups, PaymentMethods methods) {
    this.confirmations = confirmations;
    this.setups = setups;
    this.methods = methods;
  }

  record Answer(String outcome) {
    static Answer decode(Params p) {
      return new Answer(p.oneOf("outcome", List.of("complete", "fail")));
    }
  }

  /** An intent waiting on a token, and the request acting for its account. */
  private record Waiting(Ctx ctx, boolean setup, String id) {}

  private static Optional<Waiting> waiting(Ctx ctx, String token) {
    for (boolean setup : new boolean[] {false, true}) {
      String table = setup ? SetupIntents.TABLE.name() : PaymentIntents.TABLE.name();
      Optional<Waiting> found =
          ctx.db()
              .createQuery(
                  "SELECT account_id, id FROM " + table + " WHERE authentication_token = ?")
              .bind(0, token)
              .map((rs, sc) -> new Waiting(ctx.forAccount(rs.getString(1)), setup, rs.getString(2)))
              .findOne();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  ApiObject show(Ctx ctx, String token) {
    Optional<Waiting> found = waiting(ctx, token);
    if (found.isEmpty()) {
      return Pages.message(
          404, "Authentication not found", "This authentication is complete or was never asked.");
    }
    Waiting w = found.get();
    String what;
    String pmId;
    if (w.setup()) {
      SetupIntent si = setups.retrieve(w.ctx(), w.id());
      what = "saving the card";
      pmId = si.paymentMethod();
    } else {
      PaymentIntent pi = PaymentIntents.TABLE.find(w.ctx(), w.id()).orElseThrow();
      what = "a payment of " + Money.format(pi.amount(), pi.currency());
      pmId = pi.paymentMethod();
    }
    String last4 =
        methods.find(w.ctx(), pmId).map(pm -> pm.card().path("last4").asText()).orElse("");
    return HtmlPage.ok(
        Pages.render(
            "authenticate.jte", Map.of("action", "/p/3ds/" + token, "what", what, "last4", last4)));
  }

  ApiObject answer(Ctx ctx, String token, Answer a) {
    Optional<Waiting> found = waiting(ctx, token);
    if (found.isEmpty()) {
      return show(ctx, token);
    }
    Waiting w = found.get();
    boolean complete = "complete".equals(a.outcome());
    String returnUrl;
    String query;
    boolean succeeded;
    if (w.setup()) {
      returnUrl = setups.retrieve(w.ctx(), w.id()).returnUrl();
      SetupIntent si = setups.authenticated(w.ctx(), w.id(), token, complete);
      succeeded = si.status() == IntentStatus.SUCCEEDED;
      query =
          "setup_intent=" + si.id() + "&setup_intent_client_secret=" + encode(si.clientSecret());
    } else {
      returnUrl = PaymentIntents.TABLE.find(w.ctx(), w.id()).orElseThrow().returnUrl();
      PaymentIntent pi = confirmations.authenticated(w.ctx(), w.id(), token, complete);
      succeeded =
          pi.status() == IntentStatus.SUCCEEDED || pi.status() == IntentStatus.REQUIRES_CAPTURE;
      query =
          "payment_intent="
              + pi.id()
              + "&payment_intent_client_secret="
              + encode(pi.clientSecret());
    }
    if (returnUrl == null) {
      return Pages.message(
          200,
          succeeded ? "Authentication complete" : "Authentication failed",
          "You may close this window.");
    }
    return HtmlPage.seeOther(
        returnUrl
            + (returnUrl.contains("?") ? "&" : "?")
            + query
            + "&redirect_status="
            + (succeeded ? "succeeded" : "failed"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
