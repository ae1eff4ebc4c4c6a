package tally.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A searchable field: which operators it takes and the SQL condition a clause becomes. Values are
 * always bound parameters, never part of the SQL text.
 */
@FunctionalInterface
public interface SearchField {
  String condition(SearchQuery.Clause clause, Binds binds);

  /** Named parameters collected while compiling a query. */
  final class Binds {
    private final Map<String, Object> values;

    public Binds(Map<String, Object> values) {
      this.values = values;
    }

    public String add(Object value) {
      String name = "q" + values.size();
      values.put(name, value);
      return ":" + name;
    }
  }

  /** Exact, case-insensitive match; {@code field:null} matches an empty field. */
  static SearchField token(String column) {
    return (c, b) -> {
      only(c, List.of(":"));
      if (c.isNull()) {
        return column + " IS NULL";
      }
      return "LOWER(" + column + ") = " + b.add(c.value().toLowerCase(Locale.ROOT));
    };
  }

  /** A boolean stored as a column, searched with {@code "true"} / {@code "false"}. */
  static SearchField bool(String column) {
    return (c, b) -> {
      only(c, List.of(":"));
      return switch (c.value().toLowerCase(Locale.ROOT)) {
        case "true" -> column + " = " + b.add(true);
        case "false" -> column + " = " + b.add(false);
        default ->
            throw new SearchQuery.Invalid(
                "Field '" + c.field() + "' only takes the values \"true\" and \"false\".");
      };
    };
  }

  /** Numbers: {@code :} and the comparisons. */
  static SearchField numeric(String column) {
    return (c, b) -> {
      only(c, List.of(":", ">", "<", ">=", "<="));
      BigDecimal number;
      try {
        number = new BigDecimal(c.value());
      } catch (NumberFormatException e) {
        throw new SearchQuery.Invalid(
            "Field '" + c.field() + "' is numeric, but '" + c.value() + "' is not a number.");
      }
      String op = c.operator().equals(":") ? "=" : c.operator();
      return column + " " + op + " " + b.add(number.longValue());
    };
  }

  /** Substring search ({@code ~}, at least 3 characters) as well as exact match. */
  static SearchField string(String column) {
    SearchField exact = token(column);
    return (c, b) -> {
      if (!c.operator().equals("~")) {
        return exact.condition(c, b);
      }
      if (c.value().length() < 3) {
        throw new SearchQuery.Invalid(
            "The '~' operator needs a value of at least 3 characters for field '"
                + c.field()
                + "'.");
      }
      String escaped =
          c.value()
              .toLowerCase(Locale.ROOT)
              .replace("!", "!!")
              .replace("%", "!%")
              .replace("_", "!_");
      return "LOWER(" + column + ") LIKE " + b.add("%" + escaped + "%") + " ESCAPE '!'";
    };
  }

  static void only(SearchQuery.Clause c, List<String> operators) {
    if (!operators.contains(c.operator())) {
      throw new SearchQuery.Invalid(
          "The '" + c.operator() + "' operator is not supported for field '" + c.field() + "'.");
    }
  }
}
