package tally.testclocks;

import tally.api.ListParams;
import tally.customers.Customers;
import tally.feature.Feature;
import tally.feature.Installer;
import tally.http.Decoder;
import tally.http.Router;

/** Test clocks: simulated time for customers and every job due on their objects. */
public final class TestClocksFeature implements Feature {
  private final TestClocks clocks;

  public TestClocksFeature(Customers customers) {
    this.clocks = new TestClocks(customers);
    customers.checkTestClocksWith(clocks::exists);
  }

  @Override
  public void install(Installer in) {
    Router r = in.routes();
    String base = "/v1/test_helpers/test_clocks";
    r.post(base, TestClocks.Create::decode, clocks::create);
    r.get(base, ListParams::read, clocks::list);
    r.get(
        base + "/{test_clock}",
        Decoder.none(),
        (ctx, p) -> clocks.retrieve(ctx, ctx.path("test_clock")));
    r.delete(
        base + "/{test_clock}",
        Decoder.none(),
        (ctx, p) -> clocks.delete(ctx, ctx.path("test_clock")));
    r.post(
        base + "/{test_clock}/advance",
        TestClocks.Advance::decode,
        (ctx, p) -> clocks.advance(ctx, ctx.path("test_clock"), p));
    in.expand().finder("clock_", (ctx, id) -> clocks.retrieveIfPresent(ctx, id));
    in.job(new TestClockAdvancer(in.db(), in.outbox(), in::dueJobs, clocks));
    in.emits(
        "test_helpers.test_clock.created",
        "test_helpers.test_clock.advancing",
        "test_helpers.test_clock.ready",
        "test_helpers.test_clock.deleted",
        "test_helpers.test_clock.internal_failure");
  }
}
