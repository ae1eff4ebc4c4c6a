package tally.events;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/** Whether an endpoint receives events; the merchant switches it either way. */
public enum WebhookStatus implements State<WebhookStatus> {
  ENABLED,
  DISABLED;

  @Override
  public Set<WebhookStatus> next() {
    return switch (this) {
      case ENABLED -> EnumSet.of(DISABLED);
      case DISABLED -> EnumSet.of(ENABLED);
    };
  }
}
