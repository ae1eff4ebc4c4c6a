package tally.fuzz;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Form-encoded parameters, valid and not: a plausible start for the route, then mutations (junk
 * names, deep or unbalanced brackets, conflicting shapes, huge values, bad percent-escapes), and
 * byte-level damage (invalid UTF-8, NULs).
 */
final class FormGenerator {
  static final List<String> NAMES =
      List.of(
          "amount",
          "currency",
          "customer",
          "source",
          "metadata",
          "expand",
          "limit",
          "starting_after",
          "ending_before",
          "description",
          "email",
          "name",
          "capture",
          "charge",
          "reason",
          "refund_application_fee",
          "line_items",
          "price",
          "product",
          "unit_amount",
          "unit_amount_decimal",
          "recurring",
          "active",
          "mode",
          "success_url",
          "cancel_url",
          "return_url",
          "url",
          "enabled_events",
          "type",
          "created",
          "query",
          "page",
          "event_name",
          "payload",
          "timestamp",
          "identifier",
          "display_name",
          "default_aggregation",
          "customer_mapping",
          "meter",
          "applicability_config",
          "category",
          "alert_type",
          "usage_threshold",
          "title",
          "filter",
          "evidence",
          "payments",
          "payouts",
          "shipping",
          "phone",
          "address",
          "receipt_email",
          "statement_descriptor",
          "lookup_keys",
          "tiers",
          "tiers_mode",
          "transform_quantity",
          "currency_options",
          "features",
          "business_profile",
          "configuration",
          "flow_data",
          "locale",
          "ids",
          "default_price_data",
          "images",
          "marketing_features",
          "package_dimensions",
          "tax_behavior",
          "nickname",
          "client_reference_id",
          "payment_method_types",
          "ui_mode",
          "submit_type",
          "expires_at",
          "cancel",
          "adjustment",
          "value_settings",
          "priority",
          "effective_at",
          "expand[]",
          "metadata[k]",
          "amount[]",
          "line_items[0][price]",
          "line_items[0][quantity]",
          "recurring[interval]",
          "shipping[address][line1]",
          "tiers[0][up_to]");

  private static final List<String> VALUES =
      List.of(
          "",
          "0",
          "-1",
          "1",
          "2000",
          "50",
          "999999999999",
          "99999999999999999999999",
          "1e3",
          "0.5",
          "NaN",
          "-0",
          "true",
          "false",
          "yes",
          "usd",
          "eur",
          "USD",
          "zzz",
          "tok_visa",
          "tok_chargeDeclined",
          "tok_visa_chargeDeclined",
          "pm_card_visa",
          "a@example.com",
          "not-an-email",
          "https://example.com/x",
          "javascript:alert(1)",
          "month",
          "year",
          "payment",
          "subscription",
          "sum",
          "count",
          "last",
          "duplicate",
          "fraudulent",
          "requested_by_customer",
          "charge.succeeded",
          "*",
          "status:'succeeded'",
          "email:'a@example.com'",
          "null",
          "[]",
          "{}",
          "<script>alert(1)</script>",
          "'; DROP TABLE charges;--",
          "ünïcødé ✓ 😀",
          "\u0000",
          "line\nbreak",
          "%",
          "+",
          "a&b=c",
          "1]",
          "[0]");

  private final Random random;
  private final List<String> ids;
  private final Seeds.Ids seedIds;

  FormGenerator(Random random, List<String> ids, Seeds.Ids seedIds) {
    this.random = random;
    this.ids = ids;
    this.seedIds = seedIds;
  }

  /** Parameters for the route's template, as the encoded form string and the strategy used. */
  Form form(String method, String template) {
    List<Map.Entry<String, String>> pairs =
        new ArrayList<>(Seeds.forRoute(method, template, seedIds));
    String strategy = "seed";
    int mutations = random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      strategy = mutate(pairs);
    }
    String encoded = encode(pairs);
    if (random.nextInt(12) == 0) {
      encoded = badEscapes(encoded);
      strategy = "bad-escapes";
    }
    return new Form(encoded, strategy);
  }

  record Form(String encoded, String strategy) {}

  /** Damages encoded bytes: invalid UTF-8, overlong forms, surrogates, NULs. */
  byte[] damageBytes(String encoded) {
    byte[] bytes = encoded.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
    out.write(bytes, 0, at);
    byte[][] junk = {
      {(byte) 0xff, (byte) 0xfe}, {(byte) 0xc3}, {(byte) 0xc0, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {0}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80},
      {(byte) 0xe2, (byte) 0x82}
    };
    out.writeBytes(junk[random.nextInt(junk.length)]);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  private String mutate(List<Map.Entry<String, String>> pairs) {
    switch (random.nextInt(9)) {
      case 0 -> {
        pairs.add(Map.entry(pick(NAMES), value()));
        return "extra-param";
      }
      case 1 -> {
        pairs.add(Map.entry(junkName(), value()));
        return "junk-name";
      }
      case 2 -> {
        if (!pairs.isEmpty()) {
          pairs.remove(random.nextInt(pairs.size()));
        }
        return "dropped-param";
      }
      case 3 -> {
        if (!pairs.isEmpty()) {
          int i = random.nextInt(pairs.size());
          pairs.set(i, Map.entry(pairs.get(i).getKey(), value()));
        }
        return "changed-value";
      }
      case 4 -> {
        pairs.add(Map.entry(pick(NAMES) + deepBrackets(), value()));
        return "deep-brackets";
      }
      case 5 -> {
        String name = pick(NAMES);
        pairs.add(Map.entry(name, value()));
        pairs.add(Map.entry(name + "[x]", value()));
        pairs.add(Map.entry(name + "[]", value()));
        return "conflicting-shapes";
      }
      case 6 -> {
        pairs.add(Map.entry(pick(NAMES), huge()));
        return "huge-value";
      }
      case 7 -> {
        for (int i = random.nextInt(200); i > 0; i--) {
          pairs.add(Map.entry("metadata[k" + i + "]", "v"));
        }
        return "many-params";
      }
      default -> {
        pairs.add(
            Map.entry(
                "metadata[" + pick(List.of("a", "", "[", "a]b")) + "]" + deepBrackets(), value()));
        return "nested-metadata";
      }
    }
  }

  private String value() {
    int r = random.nextInt(10);
    if (r < 2 && !ids.isEmpty()) {
      return pick(ids);
    }
    if (r == 2) {
      return "x".repeat(random.nextInt(2_000));
    }
    return pick(VALUES);
  }

  private String huge() {
    // Mostly under the 1 MiB limit (exercising parsers), sometimes over it (the 413).
    int[] sizes = {5_000, 60_000, 400_000, 1_100_000};
    return "h".repeat(sizes[random.nextInt(random.nextInt(8) == 0 ? 4 : 3)]);
  }

  private String junkName() {
    return switch (random.nextInt(6)) {
      case 0 -> "x".repeat(1 + random.nextInt(5_000));
      case 1 -> "[";
      case 2 -> "]]][[[";
      case 3 -> "a[b";
      case 4 -> "ünï[ç]";
      default -> "p" + random.nextInt(1_000);
    };
  }

  private String deepBrackets() {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 5 : 400);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      b.append(
          switch (random.nextInt(4)) {
            case 0 -> "[]";
            case 1 -> "[" + random.nextInt(3) + "]";
            case 2 -> "[" + pick(NAMES) + "]";
            default -> "[a]";
          });
    }
    if (random.nextInt(5) == 0) {
      b.append(random.nextBoolean() ? "[" : "]");
    }
    return b.toString();
  }

  private String encode(List<Map.Entry<String, String>> pairs) {
    List<String> parts = new ArrayList<>();
    boolean literalBrackets = random.nextBoolean();
    for (Map.Entry<String, String> p : pairs) {
      String key = URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8);
      if (literalBrackets) {
        key = key.replace("%5B", "[").replace("%5D", "]");
      }
      parts.add(key + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  private String badEscapes(String encoded) {
    String bad =
        pick(List.of("%zz", "%", "%f", "%ff%fe", "%c3", "%00", "%ED%A0%80", "%%%", "&&=&"));
    int at = encoded.isEmpty() ? 0 : random.nextInt(encoded.length() + 1);
    return encoded.substring(0, at) + bad + encoded.substring(at);
  }

  <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
