package tally.testclocks;

import java.util.EnumSet;
import java.util.Set;
import tally.core.State;

/** A test clock is ready, or advancing to its target time (its jobs running) until ready again. */
enum TestClockStatus implements State<TestClockStatus> {
  READY,
  ADVANCING,
  INTERNAL_FAILURE;

  @Override
  public Set<TestClockStatus> next() {
    return switch (this) {
      case READY -> EnumSet.of(ADVANCING);
      case ADVANCING -> EnumSet.of(READY, INTERNAL_FAILURE);
      case INTERNAL_FAILURE -> EnumSet.noneOf(TestClockStatus.class);
    };
  }
}
