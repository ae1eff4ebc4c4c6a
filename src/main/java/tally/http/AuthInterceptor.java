package tally.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tally.api.Account;
import tally.api.ApiError;
import tally.api.ApiException;
import tally.api.Echo;
import tally.auth.Accounts;
import tally.auth.ApiKeys;

/** Bearer or Basic (key as user, empty password) → the key's account; Stripe's three 401s. */
public final class AuthInterceptor implements Interceptor {
  static final String NO_KEY =
      "You did not provide an API key. You need to provide your API key in the Authorization"
          + " header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See"
          + " https://stripe.com/docs/api#authentication for details, or we can help at"
          + " https://support.stripe.com/.";
  static final String PUBLISHABLE =
      "This API call cannot be made with a publishable API key. Please use a secret API key. You"
          + " can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.";

  private final Accounts accounts;
  private final boolean openKeys;

  /**
   * {@code openKeys}: an unknown, well-formed test-mode secret key opens a new empty account rather
   * than getting the 401, so each test isolates itself by choosing a fresh key.
   */
  public AuthInterceptor(Accounts accounts, boolean openKeys) {
    this.accounts = accounts;
    this.openKeys = openKeys;
  }

  @Override
  public ApiResponse intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    if (!exchange.match().route().authenticated()) {
      return chain.proceed();
    }
    String key = keyFrom(exchange.request().header("Authorization"));
    if (key == null || key.isBlank()) {
      throw fail(null, NO_KEY);
    }
    Route.TokenAuth tokenAuth = exchange.match().route().tokenAuth();
    if (tokenAuth != null) {
      exchange.account = tokenAuth.authenticate(key);
      return chain.proceed();
    }
    if (key.startsWith("pk_") && !exchange.match().route().publishable()) {
      throw fail("secret_key_required", PUBLISHABLE);
    }
    var account =
        accounts
            .authenticate(key)
            .or(() -> opened(key))
            .orElseThrow(() -> fail(null, "Invalid API Key provided: " + ApiKeys.mask(key)));
    exchange.account = account;
    checkStripeAccount(exchange.request().header("Stripe-Account"), key, account);
    return chain.proceed();
  }

  /**
   * Tally has no Connect: a key acts only for its own account, so a {@code Stripe-Account} header
   * naming any other account gets Stripe's error for an account the key cannot reach (403 {@code
   * account_invalid}), rather than an answer from the key's own data.
   */
  static void checkStripeAccount(String header, String key, Account account) {
    if (header == null || header.isBlank() || header.trim().equals(account.id())) {
      return;
    }
    throw new ApiException(
        new ApiError.InvalidRequest(
            403,
            "account_invalid",
            null,
            "The provided key '"
                + ApiKeys.mask(key)
                + "' does not have access to account '"
                + Echo.bounded(header.trim())
                + "' (or that account does not exist). Application access may have been"
                + " revoked."));
  }

  private java.util.Optional<tally.api.Account> opened(String key) {
    if (openKeys && key.startsWith("sk_test_") && ApiKeys.isWellFormed(key)) {
      return java.util.Optional.of(accounts.ensure(key));
    }
    return java.util.Optional.empty();
  }

  private static ApiException fail(String code, String message) {
    return new ApiException(new ApiError.Authentication(code, message));
  }

  static String keyFrom(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).trim();
    }
    if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return h;
  }
}
