package tally.testclocks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tally.api.ApiObject;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.Json;

/** A test clock ({@code test_helpers.test_clock}); {@code deleted} renders Stripe's stub. */
@ApiResource("test_helpers.test_clock")
record TestClock(
    String id,
    long created,
    String name,
    long frozenTime,
    @Field(rendered = false) Long targetFrozenTime,
    TestClockStatus status,
    long deletesAfter)
    implements ApiObject {

  record Advancing(long targetFrozenTime) {}

  record StatusDetails(@Field(omitNull = true) Advancing advancing) {}

  @Field
  StatusDetails statusDetails() {
    return new StatusDetails(
        status == TestClockStatus.ADVANCING ? new Advancing(targetFrozenTime) : null);
  }

  @Field
  boolean livemode() {
    return false;
  }

  /** What DELETE answers. */
  static ObjectNode deletedStub(String id) {
    return Json.object()
        .put("id", id)
        .put("object", "test_helpers.test_clock")
        .put("deleted", true);
  }
}
