package tally.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stripe's search query language, parsed: clauses {@code field op value} (op {@code :} {@code ~}
 * {@code >} {@code <} {@code >=} {@code <=}, optional leading {@code -}), joined by whitespace or
 * {@code AND}, or by {@code OR}, never both; at most ten; values quoted ({@code "…"} with {@code
 * \"}, or {@code '…'}) or bare numbers and {@code null}.
 */
public record SearchQuery(List<Clause> clauses, boolean anyOf) {
  public static final int MAX_CLAUSES = 10;

  /** One condition. {@code key} is the metadata key for {@code metadata["key"]}, else null. */
  public record Clause(
      String field, String key, String operator, String value, boolean quoted, boolean negated) {
    public boolean isNull() {
      return !quoted && "null".equals(value);
    }
  }

  /** A query Stripe would refuse; the message says what is wrong. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static SearchQuery parse(String text) {
    return new Parser(text).parse();
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    SearchQuery parse() {
      List<Clause> clauses = new ArrayList<>();
      String joiner = null;
      skipSpace();
      if (i >= s.length()) {
        throw new Invalid("The search query is empty.");
      }
      while (true) {
        clauses.add(clause());
        skipSpace();
        if (i >= s.length()) {
          break;
        }
        String word = keyword();
        String next = word == null ? "AND" : word;
        if (joiner != null && !joiner.equals(next)) {
          throw new Invalid(
              "A search query cannot combine AND and OR; use only one of them between clauses.");
        }
        joiner = next;
        skipSpace();
        if (i >= s.length()) {
          throw new Invalid("The search query ends with " + next + " but no clause follows it.");
        }
      }
      if (clauses.size() > MAX_CLAUSES) {
        throw new Invalid(
            "A search query can have at most "
                + MAX_CLAUSES
                + " clauses, but it has "
                + clauses.size()
                + ".");
      }
      return new SearchQuery(clauses, "OR".equals(joiner));
    }

    private String keyword() {
      for (String k : new String[] {"AND", "OR"}) {
        int end = i + k.length();
        if (end < s.length()
            && s.substring(i, end).toUpperCase(Locale.ROOT).equals(k)
            && Character.isWhitespace(s.charAt(end))) {
          i = end;
          return k;
        }
      }
      return null;
    }

    private Clause clause() {
      int start = i;
      boolean negated = peek('-');
      if (negated) {
        i++;
      }
      int nameStart = i;
      while (i < s.length()
          && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
        i++;
      }
      String field = s.substring(nameStart, i);
      if (field.isEmpty()) {
        throw unexpected("a field name");
      }
      String key = null;
      if (peek('[')) {
        i++;
        key = quoted();
        if (!peek(']')) {
          throw unexpected("']' after the metadata key");
        }
        i++;
      }
      String op = operator();
      if (i >= s.length() || Character.isWhitespace(s.charAt(i))) {
        throw new Invalid(
            "The clause starting at position " + start + " has no value after '" + op + "'.");
      }
      boolean quoted = peek('"') || peek('\'');
      String value;
      if (quoted) {
        value = quoted();
      } else {
        int v = i;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
          i++;
        }
        value = s.substring(v, i);
      }
      return new Clause(field, key, op, value, quoted, negated);
    }

    private String operator() {
      for (String op : new String[] {">=", "<=", ":", "~", ">", "<"}) {
        if (s.startsWith(op, i)) {
          i += op.length();
          return op;
        }
      }
      throw unexpected("an operator (:, ~, >, <, >=, <=)");
    }

    private String quoted() {
      if (!peek('"') && !peek('\'')) {
        throw unexpected("a quoted string");
      }
      char quote = s.charAt(i++);
      StringBuilder out = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '\\' && i < s.length()) {
          out.append(s.charAt(i++));
        } else if (c == quote) {
          return out.toString();
        } else {
          out.append(c);
        }
      }
      throw new Invalid("The search query has an unterminated string.");
    }

    private boolean peek(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private Invalid unexpected(String expected) {
      String found = i < s.length() ? "'" + s.charAt(i) + "'" : "the end of the query";
      return new Invalid(
          "Expected "
              + expected
              + " at position "
              + i
              + " of the search query, found "
              + found
              + ".");
    }
  }
}
