package tally.disputes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tally.api.Errors;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Json;
import tally.core.Rendered;

/**
 * A dispute's evidence: eighteen text fields and nine fields that hold ids of uploaded files. Only
 * the fields given are kept (stored as that map); the rest render as null.
 */
record Evidence(@JsonValue Map<String, String> values) implements Rendered {
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  Evidence {}

  static final Evidence NONE = new Evidence(Map.of());

  /** Text fields and the longest value each accepts (Stripe's request schema). */
  static final SortedMap<String, Integer> TEXT_FIELDS =
      Collections.unmodifiableSortedMap(
          new TreeMap<>(
              Map.ofEntries(
                  Map.entry("access_activity_log", 20_000),
                  Map.entry("billing_address", 5_000),
                  Map.entry("cancellation_policy_disclosure", 20_000),
                  Map.entry("cancellation_rebuttal", 20_000),
                  Map.entry("customer_email_address", 5_000),
                  Map.entry("customer_name", 5_000),
                  Map.entry("customer_purchase_ip", 5_000),
                  Map.entry("duplicate_charge_explanation", 20_000),
                  Map.entry("duplicate_charge_id", 5_000),
                  Map.entry("product_description", 20_000),
                  Map.entry("refund_policy_disclosure", 20_000),
                  Map.entry("refund_refusal_explanation", 20_000),
                  Map.entry("service_date", 5_000),
                  Map.entry("shipping_address", 5_000),
                  Map.entry("shipping_carrier", 5_000),
                  Map.entry("shipping_date", 5_000),
                  Map.entry("shipping_tracking_number", 5_000),
                  Map.entry("uncategorized_text", 20_000))));

  static final List<String> FILE_FIELDS =
      List.of(
          "cancellation_policy",
          "customer_communication",
          "customer_signature",
          "duplicate_charge_documentation",
          "receipt",
          "refund_policy",
          "service_documentation",
          "shipping_documentation",
          "uncategorized_file");

  /** All text fields together may hold this many characters. */
  static final int MAX_TEXT = 150_000;

  /** Reads {@code evidence[...]}: each field given is set, or cleared when sent empty. */
  static Map<String, Patch<String>> read(Params p) {
    Map<String, Patch<String>> changes = new LinkedHashMap<>();
    if (p.isEmpty("evidence")) {
      p.raw("evidence");
      return changes;
    }
    Params e = p.hash("evidence");
    if (e == null) {
      return changes;
    }
    TEXT_FIELDS.forEach((field, max) -> {
      if (e.isEmpty(field)) {
        changes.put(field, e.stringPatch(field));
      } else if (e.has(field)) {
        String v = e.string(field, max);
        if (v != null) {
          changes.put(field, new Patch.Set<>(v));
        }
      }
    });
    for (String field : FILE_FIELDS) {
      Patch<String> change = e.stringPatch(field);
      if (change instanceof Patch.Set<String>(String id) && !isFileId(id)) {
        // Stripe looks the id up among file uploads; a plain string is none of them.
        e.fail(
            Errors.invalid("resource_missing", e.path(field), "No such file upload: '" + id + "'"));
      } else if (change.isPresent()) {
        changes.put(field, change);
      }
    }
    return changes;
  }

  private static boolean isFileId(String id) {
    return id.matches("file_[0-9A-Za-z]+");
  }

  Evidence merge(Map<String, Patch<String>> changes) {
    Map<String, String> out = new LinkedHashMap<>(values);
    changes.forEach((field, change) -> {
      String v = change.applyTo(out.get(field));
      if (v == null) {
        out.remove(field);
      } else {
        out.put(field, v);
      }
    });
    return new Evidence(out);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  int textLength() {
    return TEXT_FIELDS.keySet().stream().mapToInt(f -> values.getOrDefault(f, "").length()).sum();
  }

  /** Test mode reads its magic values ({@code winning_evidence}, …) from this field. */
  String uncategorizedText() {
    return values.get("uncategorized_text");
  }

  /** Every field, null where not given, plus the (always empty here) {@code enhanced_evidence}. */
  @Override
  public ObjectNode toJson() {
    TreeMap<String, JsonNode> fields = new TreeMap<>();
    TEXT_FIELDS.keySet().forEach(f -> fields.put(f, NullNode.getInstance()));
    FILE_FIELDS.forEach(f -> fields.put(f, NullNode.getInstance()));
    values.forEach((f, v) -> fields.put(f, TextNode.valueOf(v)));
    fields.put("enhanced_evidence", Json.object());
    ObjectNode n = Json.object();
    fields.forEach(n::set);
    return n;
  }
}
