package tally.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Typed reads of a decoded form tree, with Stripe's messages. Problems are collected, not thrown,
 * so that {@link #finish()} can report in Stripe's order: an unknown parameter first, then the
 * first other problem. Every endpoint's params record decodes through this class.
 */
public final class Params {
  private final Map<String, Object> tree;
  private final String prefix;
  private final State state;

  private static final class State {
    final Set<String> consumed = new HashSet<>();
    final Set<String> opened = new HashSet<>();
    ApiException firstError;
  }

  private Params(Map<String, Object> tree, String prefix, State state) {
    this.tree = tree;
    this.prefix = prefix;
    this.state = state;
  }

  public static Params of(Map<String, Object> tree) {
    return new Params(tree, "", new State());
  }

  /** The parameter's name as Stripe reports it: {@code shipping[address][line1]}. */
  public String path(String name) {
    return prefix.isEmpty() ? name : prefix + "[" + name + "]";
  }

  public boolean has(String name) {
    return tree.containsKey(name);
  }

  /** Sent with an empty value, which Stripe reads as "unset". */
  public boolean isEmpty(String name) {
    return "".equals(tree.get(name));
  }

  public void fail(ApiException error) {
    if (state.firstError == null) {
      state.firstError = error;
    }
  }

  private Object take(String name) {
    state.consumed.add(path(name));
    return tree.get(name);
  }

  private String scalar(String name) {
    Object v = take(name);
    if (v == null || "".equals(v)) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    fail(Errors.invalid(path(name), "Invalid " + path(name) + ": must be a string"));
    return null;
  }

  public String string(String name) {
    return scalar(name);
  }

  public String requiredString(String name) {
    String v = scalar(name);
    if (v == null) {
      fail(Errors.missing(path(name)));
    }
    return v;
  }

  /** A string limited to {@code max} characters (Stripe's length messages). */
  public String string(String name, int max) {
    String v = scalar(name);
    if (v != null && v.length() > max) {
      fail(
          Errors.invalid(
              path(name), "Invalid " + path(name) + ": must be at most " + max + " characters"));
      return null;
    }
    return v;
  }

  public Patch<String> stringPatch(String name) {
    if (!has(name)) {
      take(name);
      return Patch.absent();
    }
    if (isEmpty(name)) {
      take(name);
      return new Patch.Clear<>();
    }
    String v = scalar(name);
    return v == null ? Patch.absent() : new Patch.Set<>(v);
  }

  public Long integer(String name) {
    String raw = scalar(name);
    if (raw == null) {
      return null;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      fail(
          Errors.invalid(
              "parameter_invalid_integer", path(name), "Invalid integer: " + Echo.bounded(raw)));
      return null;
    }
  }

  public Long requiredInteger(String name) {
    if (tree.get(name) == null || "".equals(tree.get(name))) {
      take(name);
      fail(Errors.missing(path(name)));
      return null;
    }
    return integer(name);
  }

  /** A positive integer (Stripe: "This value must be greater than or equal to 1."). */
  public Long positiveInteger(String name, boolean required) {
    Long v = required ? requiredInteger(name) : integer(name);
    if (v != null && v < 1) {
      fail(
          Errors.invalid(
              "parameter_invalid_integer",
              path(name),
              "This value must be greater than or equal to 1."));
      return null;
    }
    return v;
  }

  public Boolean bool(String name) {
    String raw = scalar(name);
    if (raw == null) {
      return null;
    }
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        fail(
            Errors.invalid(
                "parameter_invalid_boolean", path(name), "Invalid boolean: " + Echo.bounded(raw)));
        yield null;
      }
    };
  }

  /** An enum value; anything else is {@code Invalid name: must be one of a, b, or c}. */
  public String oneOf(String name, List<String> allowed) {
    String v = scalar(name);
    if (v != null && !allowed.contains(v)) {
      fail(Errors.mustBeOneOf(path(name), allowed));
      return null;
    }
    return v;
  }

  /** A nested hash, or null when absent or sent empty. */
  @SuppressWarnings("unchecked")
  public Params hash(String name) {
    Object v = take(name);
    if (v == null || "".equals(v)) {
      return null;
    }
    if (v instanceof Map<?, ?> m) {
      state.consumed.remove(path(name));
      state.opened.add(path(name));
      return new Params((Map<String, Object>) m, path(name), state);
    }
    fail(Errors.invalid(path(name), "Invalid hash"));
    return null;
  }

  /** A whole subtree, consumed as is (metadata and other free-form hashes). */
  public Object raw(String name) {
    return take(name);
  }

  /** An array, sent as {@code a[]=x} or {@code a[0]=x}; a scalar is {@code Invalid array}. */
  public List<Object> list(String name) {
    Object v = take(name);
    if (v == null || "".equals(v)) {
      return null;
    }
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Map<?, ?> m && m.keySet().stream().allMatch(Params::isIndex)) {
      return new ArrayList<>(
          new TreeMap<Integer, Object>(
                  m.entrySet().stream()
                      .collect(
                          java.util.stream.Collectors.toMap(
                              e -> Integer.parseInt((String) e.getKey()), Map.Entry::getValue)))
              .values());
    }
    fail(Errors.invalid(path(name), "Invalid array"));
    return null;
  }

  /**
   * An array of hashes ({@code line_items[0][price]=…}): each item reads with its own bracketed
   * path, and unknown keys inside items are reported like any other unknown parameter.
   */
  @SuppressWarnings("unchecked")
  public List<Params> hashList(String name) {
    Object v = tree.get(name);
    List<Params> out = new ArrayList<>();
    if (v == null || "".equals(v)) {
      take(name);
      return null;
    }
    if (v instanceof Map<?, ?> m && m.keySet().stream().allMatch(Params::isIndex)) {
      state.opened.add(path(name));
      new TreeMap<Integer, Object>(
              m.entrySet().stream()
                  .collect(
                      java.util.stream.Collectors.toMap(
                          e -> Integer.parseInt((String) e.getKey()), Map.Entry::getValue)))
          .forEach((i, item) -> {
            String at = path(name) + "[" + i + "]";
            if (item instanceof Map<?, ?> itemMap) {
              state.opened.add(at);
              out.add(new Params((Map<String, Object>) itemMap, at, state));
            } else {
              fail(Errors.invalid(at, "Invalid hash"));
            }
          });
      return out;
    }
    if (v instanceof List<?> l) {
      take(name);
      for (int i = 0; i < l.size(); i++) {
        if (l.get(i) instanceof Map<?, ?> itemMap) {
          out.add(new Params((Map<String, Object>) itemMap, path(name) + "[" + i + "]", state));
        } else {
          fail(Errors.invalid(path(name) + "[" + i + "]", "Invalid hash"));
        }
      }
      return out;
    }
    take(name);
    fail(Errors.invalid(path(name), "Invalid array"));
    return null;
  }

  public List<String> stringList(String name) {
    List<Object> items = list(name);
    if (items == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof String s) {
        out.add(s);
      } else {
        fail(Errors.invalid(path(name), "Invalid array"));
        return null;
      }
    }
    return out;
  }

  private static boolean isIndex(Object key) {
    return key instanceof String s
        && !s.isEmpty()
        && s.length() < 10
        && s.chars().allMatch(Character::isDigit);
  }

  /** Reports the first problem: an unknown parameter before anything else. */
  public void finish() {
    String unknown = firstUnknown(tree, "");
    if (unknown != null) {
      throw Errors.unknownParameter(unknown);
    }
    if (state.firstError != null) {
      throw state.firstError;
    }
  }

  private String firstUnknown(Map<String, Object> node, String at) {
    for (Map.Entry<String, Object> e : node.entrySet()) {
      String p = at.isEmpty() ? e.getKey() : at + "[" + e.getKey() + "]";
      if (state.consumed.contains(p)) {
        continue;
      }
      if (state.opened.contains(p) && e.getValue() instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        String inner = firstUnknown((Map<String, Object>) m, p);
        if (inner != null) {
          return inner;
        }
        continue;
      }
      return p;
    }
    return null;
  }
}
