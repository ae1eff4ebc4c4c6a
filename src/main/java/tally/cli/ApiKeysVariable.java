package tally.cli;

import java.util.ArrayList;
import java.util.List;
import tally.auth.ApiKeys;

/**
 * {@code TALLY_API_KEYS}: comma-separated secret keys. A malformed entry stops the start with its
 * position and the offending character, which is not secret alone, while the key stays masked.
 */
final class ApiKeysVariable {
  private ApiKeysVariable() {}

  static List<String> parse(String value) {
    List<String> keys = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return keys;
    }
    String[] entries = value.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String key = entries[i].trim();
      if (key.isEmpty()) {
        continue;
      }
      String problem = problem(key);
      if (problem != null) {
        throw new StartupProblem(
            "TALLY_API_KEYS entry "
                + (i + 1)
                + " of "
                + entries.length
                + " ("
                + ApiKeys.mask(key)
                + ") is not a secret key: "
                + problem
                + ". Keys look like sk_test_ or sk_live_ followed by up to 247 letters, digits"
                + " or _; fix or remove that entry.");
      }
      keys.add(key);
    }
    return keys;
  }

  /** What is wrong with the key, or null when it is well formed. */
  static String problem(String key) {
    if (!key.matches("(sk|rk)_(test|live)_.*")) {
      return key.startsWith("pk_")
          ? "it is a publishable key (pk_), and the server needs secret keys"
          : "it does not start with sk_test_ or sk_live_";
    }
    int prefix = key.indexOf('_', 3) + 1;
    if (key.length() == prefix) {
      return "nothing follows " + key;
    }
    if (key.length() - prefix > 247) {
      return "it is " + key.length() + " characters long, over the limit of " + (prefix + 247);
    }
    for (int i = prefix; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
      if (!allowed) {
        return String.format(
            "character %d is '%s' (U+%04X), where only letters, digits and _ may stand",
            i + 1, Character.isISOControl(c) ? "?" : String.valueOf(c), (int) c);
      }
    }
    return ApiKeys.isWellFormed(key) ? null : "it is not well formed";
  }
}
