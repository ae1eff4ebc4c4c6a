package tally.store;

/** The store's background threads (writer, WAL sync, checkpointer) start and stop the same way. */
final class Threads {
  private static final long STOP_MILLIS = 5_000;

  private Threads() {}

  static Thread start(String name, Runnable loop) {
    Thread thread = Thread.ofPlatform().daemon().name(name).unstarted(loop);
    thread.start();
    return thread;
  }

  /** Waits a bounded time for {@code thread}, already told to stop, to finish. */
  static void awaitStop(Thread thread) {
    try {
      thread.join(STOP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
