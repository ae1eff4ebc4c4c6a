package tally.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tally.auth.ApiKeys;
import tally.http.FormDecoder;

/**
 * Hides secrets in logged request and response bodies: fields named like secrets (a card's {@code
 * cvc}, {@code client_secret}, a webhook {@code secret}) and, in any value, API keys, webhook
 * secrets, client secrets and card-number-like runs of 13 to 19 digits (last four kept).
 */
final class Masking {
  private static final Set<String> SECRET_FIELDS =
      Set.of("cvc", "cvv", "client_secret", "secret", "password", "api_key");
  private static final Pattern KEY = Pattern.compile("\\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9_]+");
  private static final Pattern WEBHOOK_SECRET = Pattern.compile("\\bwhsec_[A-Za-z0-9]+");
  private static final Pattern CLIENT_SECRET = Pattern.compile("_secret_[A-Za-z0-9]+");
  private static final Pattern CARD = Pattern.compile("(?<![\\d])(?:\\d[ -]?){12,18}\\d(?![\\d])");
  static final String HIDDEN = "••••";

  private Masking() {}

  /** A value as it may be shown, given the name of the field that holds it. */
  static String value(String field, String value) {
    if (value == null) {
      return null;
    }
    if (SECRET_FIELDS.contains(field.toLowerCase(Locale.ROOT))) {
      return HIDDEN;
    }
    return text(value);
  }

  /** Any text with keys, secrets and card numbers hidden. */
  static String text(String s) {
    // Each pattern runs only on text holding what it needs: most values are ids, and running all
    // four patterns on every one of them was 14% of a charge's CPU.
    String out = s;
    if (s.contains("_test_") || s.contains("_live_")) {
      out = replace(KEY, out, m -> ApiKeys.mask(m.group()));
    }
    if (s.contains("whsec_")) {
      out = replace(WEBHOOK_SECRET, out, m -> "whsec_" + HIDDEN);
    }
    if (s.contains("_secret_")) {
      out = replace(CLIENT_SECRET, out, m -> "_secret_" + HIDDEN);
    }
    if (digits(s) < 13) {
      return out;
    }
    return replace(
        CARD,
        out,
        m -> {
          String digits = m.group().replaceAll("\\D", "");
          return HIDDEN + digits.substring(digits.length() - 4);
        });
  }

  private static int digits(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  private static String replace(
      Pattern p, String s, java.util.function.Function<Matcher, String> with) {
    Matcher m = p.matcher(s);
    if (!m.find()) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }

  /** A form-encoded body or query as {@code key=value} lines, masked, in the order sent. */
  static String form(String encoded) {
    if (encoded == null || encoded.isBlank()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    try {
      flatten("", FormDecoder.decode(encoded), out);
    } catch (RuntimeException e) {
      return text(encoded);
    }
    return out.toString();
  }

  private static void flatten(String prefix, Object node, StringBuilder out) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "[" + k + "]", v, out));
    } else if (node instanceof java.util.List<?> list) {
      for (Object item : list) {
        flatten(prefix + "[]", item, out);
      }
    } else {
      String name =
          prefix.contains("[")
              ? prefix.substring(prefix.lastIndexOf('[') + 1).replace("]", "")
              : prefix;
      out.append(prefix).append('=').append(value(name, String.valueOf(node))).append('\n');
    }
  }

  /** A copy of the JSON with secret fields and secret-looking values hidden. */
  static JsonNode json(JsonNode node) {
    return json("", node);
  }

  private static JsonNode json(String field, JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), json(e.getKey(), e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> copy.add(json(field, item)));
      return copy;
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(value(field, node.asText()));
    }
    return node;
  }
}
