package tally.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import tally.core.Json;
import tally.http.FormDecoder;

/**
 * JSON bodies for the {@code /v2} routes: the generated form's tree as JSON (hashes keyed 0, 1, …
 * become arrays; some values become numbers, booleans or nulls), sometimes broken JSON or JSON of
 * the wrong shape.
 */
final class JsonBodies {
  private static final List<String> BROKEN =
      List.of(
          "",
          "{",
          "[]",
          "[1,2]",
          "\"text\"",
          "42",
          "null",
          "{\"events\": 5}",
          "{\"events\": [1, \"x\", null]}",
          "{\"events\": {}}",
          "{\"event_name\": {\"a\": [[[[]]]]}}",
          "{\"a\": 1e999999}",
          "{\"payload\": {\"value\": 1.5e308, \"stripe_customer_id\": true}}",
          "{\"" + "k".repeat(5_000) + "\": 1}",
          "{\"x\": " + "[".repeat(3_000) + "]".repeat(3_000) + "}",
          "{\"timestamp\": \"2024-13-45T99:99:99Z\", \"event_name\": \"x\"}",
          "{} trailing",
          "{\"a\":\"\\ud800\"}");

  private JsonBodies() {}

  static String of(String encodedForm, Random random) {
    if (random.nextInt(6) == 0) {
      return BROKEN.get(random.nextInt(BROKEN.size()));
    }
    Object tree;
    try {
      tree = arrays(FormDecoder.decode(encodedForm), random);
    } catch (RuntimeException e) {
      return "{}"; // a form the decoder refuses has no tree to send
    }
    return Json.write(tree);
  }

  private static Object arrays(Object node, Random random) {
    if (node instanceof Map<?, ?> map) {
      boolean indexed =
          !map.isEmpty()
              && map.keySet().stream()
                  .allMatch(k -> k instanceof String s && s.matches("\\d{1,5}"));
      if (indexed) {
        List<Object> list = new ArrayList<>();
        new TreeMap<Integer, Object>(
                map.entrySet().stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            e -> Integer.parseInt((String) e.getKey()),
                            Map.Entry::getValue,
                            (a, b) -> a)))
            .values()
            .forEach(v -> list.add(arrays(v, random)));
        return list;
      }
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), arrays(v, random)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(arrays(v, random)));
      return out;
    }
    if (node instanceof String s && random.nextInt(10) == 0) {
      return switch (random.nextInt(4)) {
        case 0 -> s.matches("-?\\d{1,15}") ? Long.parseLong(s) : s;
        case 1 -> Boolean.TRUE;
        case 2 -> null;
        default -> 3.25;
      };
    }
    return node;
  }
}
