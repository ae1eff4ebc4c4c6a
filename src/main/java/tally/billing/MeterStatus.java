package tally.billing;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/** A meter's life: deactivating stops it counting events, reactivating resumes it. */
public enum MeterStatus implements State<MeterStatus> {
  ACTIVE,
  INACTIVE;

  @Override
  public Set<MeterStatus> next() {
    return switch (this) {
      case ACTIVE -> EnumSet.of(INACTIVE);
      case INACTIVE -> EnumSet.of(ACTIVE);
    };
  }
}
