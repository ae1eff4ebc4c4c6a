package tally.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How keys are shown (masked, as Stripe does) and stored (hashed). */
public final class ApiKeys {
  private ApiKeys() {}

  /** {@code sk_test_************abcd}: the mode prefix and the last four characters. */
  public static String mask(String key) {
    if (key == null) {
      return "null";
    }
    int prefixEnd = key.startsWith("sk_") || key.startsWith("rk_") || key.startsWith("pk_") ? 3 : 0;
    int mode = key.indexOf('_', prefixEnd);
    String prefix = mode > 0 && mode < 10 ? key.substring(0, mode + 1) : "";
    String last4 = key.length() > prefix.length() + 4 ? key.substring(key.length() - 4) : "";
    return prefix + "*".repeat(12) + last4;
  }

  public static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The publishable key of the account a secret key opens: derived from the secret key, so the
   * holder of a configured key can always recover it, and it reveals nothing about the secret.
   */
  public static String publishableFor(String secretKey) {
    String mode = secretKey.contains("_live_") ? "live" : "test";
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    StringBuilder sb = new StringBuilder("pk_" + mode + "_");
    for (char c : hash("publishable:" + secretKey).toCharArray()) {
      sb.append(alphabet.charAt((c * 31 + sb.length()) % alphabet.length()));
    }
    return sb.toString();
  }

  public static boolean isWellFormed(String key) {
    return key.matches("(sk|rk)_(test|live)_[A-Za-z0-9_]{1,247}");
  }
}
