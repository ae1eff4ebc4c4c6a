package tally.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe's metadata rules, once for every object: updates merge, {@code metadata[k]=} removes a
 * key, {@code metadata=} removes all; at most 50 keys, keys up to 40 and values up to 500
 * characters, no brackets in keys.
 */
public record Metadata(boolean clearAll, Map<String, String> changes) {
  public static final Metadata NONE = new Metadata(false, Map.of());

  /** Reads {@code metadata} from params; a null value in {@code changes} removes that key. */
  public static Metadata read(Params params) {
    if (!params.has("metadata")) {
      return NONE;
    }
    if (params.isEmpty("metadata")) {
      params.raw("metadata");
      return new Metadata(true, Map.of());
    }
    Object raw = params.raw("metadata");
    if (!(raw instanceof Map<?, ?> map)) {
      params.fail(Errors.invalid("metadata", "Invalid hash"));
      return NONE;
    }
    Map<String, String> changes = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = (String) e.getKey();
      if (!(e.getValue() instanceof String value)) {
        // metadata[a][b]=1 or metadata[a][]=1: say what is wrong, not only which key.
        params.fail(
            Errors.invalid(
                "metadata[" + Echo.bounded(key) + "]",
                "Invalid metadata["
                    + Echo.bounded(key)
                    + "]: metadata values must be strings;"
                    + " nested hashes and arrays (metadata[key][inner]=…) are not allowed."));
        return NONE;
      }
      if (key.length() > 40 || key.contains("[") || key.contains("]")) {
        params.fail(
            Errors.invalid(
                "metadata",
                "Invalid key: " + Echo.bounded(key) + " must be a string under 40 characters"));
        return NONE;
      }
      if (value.length() > 500) {
        params.fail(
            Errors.invalid(
                "metadata",
                "Invalid val: " + Echo.bounded(value) + " must be a string under 500 characters"));
        return NONE;
      }
      changes.put(key, value.isEmpty() ? null : value);
    }
    return new Metadata(false, changes);
  }

  /** The metadata after this change; throws when the result exceeds 50 keys. */
  public Map<String, String> applyTo(Map<String, String> current) {
    Map<String, String> out = new LinkedHashMap<>(clearAll ? Map.of() : current);
    changes.forEach((k, v) -> {
      if (v == null) {
        out.remove(k);
      } else {
        out.put(k, v);
      }
    });
    if (out.size() > 50) {
      throw Errors.invalid(
          "metadata",
          "Metadata can have up to 50 keys, but you've set "
              + out.size()
              + ". Email us at support+metadata@stripe.com for more information.");
    }
    return out;
  }
}
