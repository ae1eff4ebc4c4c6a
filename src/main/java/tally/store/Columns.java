package tally.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import tally.core.Json;
import tally.core.ObjectSchema.Prop;
import tally.core.SmallCache;
import tally.core.State;

/** How a declared field's Java value becomes a column value and back (JSON for structures). */
final class Columns {
  // Parsed JSON columns by their text. Lists and polls re-read the same rows, and parsing a
  // charge's card snapshot was a quarter of a 100-charge list's CPU; a copy is 4x cheaper. Callers
  // get their own copy because trees are mutable.
  private static final SmallCache<String, JsonNode> TREES = new SmallCache<>(2048, Json::tree);

  private Columns() {}

  static Object toColumn(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Number n -> n;
      case Boolean b -> b;
      case State<?> s -> s.wire();
      case Enum<?> e -> e.name().toLowerCase(java.util.Locale.ROOT);
      case Map<?, ?> m -> Json.write(m);
      case Collection<?> c -> Json.write(c);
      case JsonNode j -> Json.write(j);
      default -> Json.write(value);
    };
  }

  /** The field's value from column {@code column} (1-based) of the current row. */
  static Object read(ResultSet rs, Prop p, int column) throws SQLException {
    Class<?> t = p.type();
    if (t == String.class) {
      return rs.getString(column);
    }
    if (t == long.class) {
      return rs.getLong(column);
    }
    if (t == Long.class) {
      long v = rs.getLong(column);
      return rs.wasNull() ? null : v;
    }
    if (t == int.class) {
      return rs.getInt(column);
    }
    if (t == Integer.class) {
      long v = rs.getLong(column);
      return rs.wasNull() ? null : (int) v;
    }
    if (t == boolean.class) {
      return rs.getBoolean(column);
    }
    if (t == Boolean.class) {
      boolean v = rs.getBoolean(column);
      return rs.wasNull() ? null : v;
    }
    String text = rs.getString(column);
    if (t.isEnum()) {
      return text == null ? null : enumValue(t, text);
    }
    if (t == JsonNode.class) {
      return text == null ? null : TREES.get(text).deepCopy();
    }
    if (t == Map.class && isStringMap(p.genericType())) {
      return Json.stringMap(text);
    }
    if (text == null) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(
          text, Json.MAPPER.getTypeFactory().constructType(p.genericType()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("column " + p.name(), e);
    }
  }

  private static boolean isStringMap(java.lang.reflect.Type type) {
    return type instanceof java.lang.reflect.ParameterizedType pt
        && pt.getActualTypeArguments()[0] == String.class
        && pt.getActualTypeArguments()[1] == String.class;
  }

  private static Object enumValue(Class<?> type, String text) {
    for (Object constant : type.getEnumConstants()) {
      String wire =
          constant instanceof State<?> s
              ? s.wire()
              : ((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT);
      if (wire.equals(text)) {
        return constant;
      }
    }
    throw new IllegalStateException(type.getSimpleName() + " has no value " + text);
  }

  /** Default of a component that is not stored: what the constructor gets. */
  static Object absent(Class<?> type) {
    if (type == long.class) {
      return 0L;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }
}
