package tally.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tally.api.Errors;

/**
 * Decodes {@code application/x-www-form-urlencoded} into a tree, the inverse of the SDKs' form
 * encoders: {@code a[b][c]=v} nests hashes, {@code a[]=v} appends to a list, {@code a[0]=v} is a
 * hash keyed "0" (readers accept such hashes as arrays), brackets may arrive literal or %-encoded,
 * {@code +} is a space. Values are strings; an empty value means "unset".
 */
public final class FormDecoder {
  private FormDecoder() {}

  public static Map<String, Object> decode(String encoded) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return root;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = unescape(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
      if (!key.isEmpty()) {
        put(root, segments(key), value);
      }
    }
    return root;
  }

  private static String unescape(String s) {
    String decoded;
    try {
      decoded = URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Errors.invalid(null, "Invalid request body: malformed percent-encoding.");
    }
    // PostgreSQL text cannot hold NUL (a 500 there, found by RequestFuzzTest); no API value needs
    // it.
    if (decoded.indexOf('\u0000') >= 0) {
      throw Errors.invalid(
          null, "Invalid request: parameters may not contain the NUL character (%00 or a 0 byte).");
    }
    return decoded;
  }

  /** {@code a[b][]} becomes ["a", "b", ""]; a key with unbalanced brackets stays literal. */
  static List<String> segments(String key) {
    List<String> out = new ArrayList<>();
    int open = key.indexOf('[');
    if (open <= 0 || !key.endsWith("]")) {
      out.add(key);
      return out;
    }
    out.add(key.substring(0, open));
    int i = open;
    while (i < key.length()) {
      if (key.charAt(i) != '[') {
        return List.of(key);
      }
      int close = key.indexOf(']', i);
      if (close < 0) {
        return List.of(key);
      }
      out.add(key.substring(i + 1, close));
      i = close + 1;
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> node, List<String> path, String value) {
    String head = path.getFirst();
    if (path.size() == 1) {
      node.put(head, value);
      return;
    }
    List<String> rest = path.subList(1, path.size());
    if (rest.getFirst().isEmpty()) {
      Object existing = node.get(head);
      List<Object> list = existing instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
      node.put(head, list);
      appendToList(list, rest.subList(1, rest.size()), value);
      return;
    }
    Object child = node.get(head);
    Map<String, Object> map =
        child instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    node.put(head, map);
    put(map, rest, value);
  }

  @SuppressWarnings("unchecked")
  private static void appendToList(List<Object> list, List<String> rest, String value) {
    if (rest.isEmpty()) {
      list.add(value);
      return;
    }
    Map<String, Object> target = null;
    if (!list.isEmpty() && list.getLast() instanceof Map<?, ?> last) {
      target = (Map<String, Object>) last;
      if (target.containsKey(rest.getFirst()) && rest.size() == 1) {
        target = null;
      }
    }
    if (target == null) {
      target = new LinkedHashMap<>();
      list.add(target);
    }
    put(target, rest, value);
  }
}
