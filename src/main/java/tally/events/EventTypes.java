package tally.events;

/**
 * Matching an endpoint's {@code enabled_events} pattern against an event type. The types themselves
 * are declared by the features that emit them ({@code Installer.emits}).
 */
final class EventTypes {
  private EventTypes() {}

  static boolean matches(String pattern, String type) {
    if (pattern.equals("*") || pattern.equals(type)) {
      return true;
    }
    return pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
  }
}
