package tally.api;

/** What an error may quote of the request: a bounded prefix, so junk is never echoed in bulk. */
public final class Echo {
  /** Long enough for any real parameter name or id; short enough to keep errors small. */
  public static final int MAX_CHARS = 100;

  private Echo() {}

  public static String bounded(String sent) {
    return capped(sent, MAX_CHARS);
  }

  /** The first {@code max} characters, saying how long the whole was. */
  public static String capped(String sent, int max) {
    if (sent == null || sent.length() <= max) {
      return sent;
    }
    return sent.substring(0, max) + "... (" + sent.length() + " characters)";
  }
}
