package tally.billing;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/** An alert's life: active ⇄ inactive, and either can be archived, for good. */
public enum AlertStatus implements State<AlertStatus> {
  ACTIVE,
  INACTIVE,
  ARCHIVED;

  @Override
  public Set<AlertStatus> next() {
    return switch (this) {
      case ACTIVE -> EnumSet.of(INACTIVE, ARCHIVED);
      case INACTIVE -> EnumSet.of(ACTIVE, ARCHIVED);
      case ARCHIVED -> EnumSet.noneOf(AlertStatus.class);
    };
  }
}
