package tally.feature;

/**
 * One capability of the server (charges, refunds, billing…). Its constructor takes the services of
 * the features it builds on; {@link #install} declares everything it adds: routes, expandable
 * fields, clock-driven jobs, event types and hooks into other features. {@code App} is a list of
 * features and nothing else knows their tables.
 */
public interface Feature {
  void install(Installer in);
}
