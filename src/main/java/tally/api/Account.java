package tally.api;

/**
 * The owner of every row; one API key opens one account. {@code publishable}: the request came with
 * the account's publishable key, which Stripe accepts on a few routes, with the intent's client
 * secret.
 */
public record Account(String id, boolean livemode, boolean publishable) {
  public Account(String id, boolean livemode) {
    this(id, livemode, false);
  }
}
