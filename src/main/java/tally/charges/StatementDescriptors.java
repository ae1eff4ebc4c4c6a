package tally.charges;

import tally.api.Errors;
import tally.api.Params;

/** Statement descriptor rules: at most 22 characters, a letter, none of {@code < > \ ' " *}. */
public final class StatementDescriptors {
  private StatementDescriptors() {}

  public static String read(Params p, String name) {
    String v = p.string(name);
    if (v == null) {
      return null;
    }
    if (v.length() > 22) {
      p.fail(Errors.invalid(name, "The statement descriptor must be at most 22 characters long."));
      return null;
    }
    if (v.chars().noneMatch(Character::isLetter)) {
      p.fail(Errors.invalid(name, "The statement descriptor must contain at least one letter."));
      return null;
    }
    if (v.matches(".*[<>\\\\'\"*].*")) {
      p.fail(
          Errors.invalid(
              name,
              "The statement descriptor contains invalid characters: < > \\ ' \" * are not"
                  + " allowed."));
      return null;
    }
    return v;
  }
}
