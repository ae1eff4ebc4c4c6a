package tally.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code expand[]} for every endpoint, written once. Features declare which fields of their objects
 * are expandable and how to find an object by id prefix; expansion then replaces ids with objects
 * along dotted paths (up to 4 levels, {@code data.} inside lists).
 */
public final class Expander {
  /** Finds an object of this account by id, or null. */
  @FunctionalInterface
  public interface Finder {
    ApiObject find(Ctx ctx, String id);
  }

  /** Builds a field that is absent unless asked for (charge {@code refunds}). */
  @FunctionalInterface
  public interface Includer {
    ApiObject include(Ctx ctx, ObjectNode owner);
  }

  private final Map<String, Finder> finders = new HashMap<>();
  private final Map<String, Set<String>> expandable = new HashMap<>();
  private final Map<String, Includer> includable = new HashMap<>();

  public void finder(String idPrefix, Finder finder) {
    finders.put(idPrefix, finder);
  }

  public void expandable(String objectType, String... fieldPaths) {
    expandable.computeIfAbsent(objectType, t -> new HashSet<>()).addAll(Arrays.asList(fieldPaths));
  }

  public void includable(String objectType, String field, Includer includer) {
    includable.put(objectType + "." + field, includer);
    expandable(objectType, field);
  }

  /** The expandable field paths declared for an object type (empty when none). */
  public Set<String> expandable(String objectType) {
    return Set.copyOf(expandable.getOrDefault(objectType, Set.of()));
  }

  /** Every object type that declared an expandable field. */
  public Set<String> objectTypes() {
    return Set.copyOf(expandable.keySet());
  }

  public void expand(Ctx ctx, ObjectNode root, List<String> paths) {
    for (String path : paths) {
      String[] segs = path.split("\\.", -1);
      if (segs.length > 4) {
        throw Errors.invalid(
            "expand", "You cannot expand more than 4 levels of a property. Property: " + path);
      }
      expandAt(ctx, root, segs, 0);
    }
  }

  private void expandAt(Ctx ctx, ObjectNode node, String[] segs, int i) {
    String type = node.path("object").asText();
    String rest = String.join(".", Arrays.copyOfRange(segs, i, segs.length));
    if (type.equals("search_result") && String.join(".", segs).equals("total_count")) {
      return; // included by the search endpoint itself
    }
    if (type.equals("list") || type.equals("search_result")) {
      if (!segs[i].equals("data") || i + 1 == segs.length) {
        throw Errors.invalid(
            null,
            "This property cannot be expanded ("
                + rest
                + "). You may want to try expanding 'data."
                + rest
                + "' instead.");
      }
      for (JsonNode item : node.path("data")) {
        if (item instanceof ObjectNode obj) {
          expandAt(ctx, obj, segs, i + 1);
        }
      }
      return;
    }
    Set<String> fields = expandable.getOrDefault(type, Set.of());
    for (int end = segs.length; end > i; end--) {
      String field = String.join(".", Arrays.copyOfRange(segs, i, end));
      if (fields.contains(field)) {
        JsonNode expanded = expandField(ctx, node, type, Arrays.copyOfRange(segs, i, end));
        if (end < segs.length && expanded instanceof ObjectNode child) {
          expandAt(ctx, child, segs, end);
        }
        return;
      }
    }
    throw Errors.invalid(null, "This property cannot be expanded (" + segs[i] + ").");
  }

  private JsonNode expandField(Ctx ctx, ObjectNode node, String type, String[] fieldPath) {
    ObjectNode parent = node;
    for (int k = 0; k < fieldPath.length - 1; k++) {
      if (!(parent.get(fieldPath[k]) instanceof ObjectNode next)) {
        return null;
      }
      parent = next;
    }
    String last = fieldPath[fieldPath.length - 1];
    Includer includer = includable.get(type + "." + last);
    if (includer != null && fieldPath.length == 1) {
      ObjectNode included = includer.include(ctx, node).toJson();
      node.set(last, included);
      return included;
    }
    JsonNode value = parent.get(last);
    if (value != null && value.isTextual()) {
      ApiObject found = find(ctx, value.asText());
      if (found != null) {
        ObjectNode json = found.toJson();
        parent.set(last, json);
        return json;
      }
    }
    return value;
  }

  private ApiObject find(Ctx ctx, String id) {
    int underscore = id.indexOf('_');
    Finder finder = underscore < 0 ? null : finders.get(id.substring(0, underscore + 1));
    return finder == null ? null : finder.find(ctx, id);
  }
}
