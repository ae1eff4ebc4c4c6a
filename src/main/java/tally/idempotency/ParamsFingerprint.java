package tally.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tally.http.FormDecoder;

/**
 * Identifies a request's parameters independent of encoding: the decoded tree with hash keys sorted
 * (order-insensitive) and arrays kept in order, hashed.
 */
final class ParamsFingerprint {
  private ParamsFingerprint() {}

  static String of(String encodedParams) {
    StringBuilder canonical = new StringBuilder();
    write(FormDecoder.decode(encodedParams), canonical);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Object node, StringBuilder out) {
    switch (node) {
      case Map<?, ?> map -> {
        out.append('{');
        new TreeMap<>(map)
            .forEach((k, v) -> {
              out.append(quote(String.valueOf(k))).append(':');
              write(v, out);
              out.append(',');
            });
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        list.forEach(v -> {
          write(v, out);
          out.append(',');
        });
        out.append(']');
      }
      default -> out.append(quote(String.valueOf(node)));
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
