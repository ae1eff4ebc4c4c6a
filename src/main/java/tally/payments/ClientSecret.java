package tally.payments;

import tally.api.Ctx;
import tally.api.Errors;
import tally.api.Params;

/**
 * The {@code client_secret} a browser sends with the publishable key: it proves the holder may see
 * and confirm this one intent. With a secret key it is accepted and not needed.
 */
record ClientSecret(String value) {
  static ClientSecret decode(Params p) {
    return new ClientSecret(p.string("client_secret"));
  }

  /** Refuses a publishable-key request whose secret is not the intent's. */
  static void check(Ctx ctx, String given, String actual, String object) {
    if (!ctx.account().publishable()) {
      return;
    }
    if (given == null) {
      throw Errors.missing("client_secret");
    }
    if (!java.security.MessageDigest.isEqual(given.getBytes(), actual.getBytes())) {
      throw Errors.invalid(
          "client_secret",
          "The client_secret provided does not match the client_secret associated with the "
              + object
              + ".");
    }
  }
}
