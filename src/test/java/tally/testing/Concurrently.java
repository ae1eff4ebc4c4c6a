package tally.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Races: one task on each of {@code n} threads, all released at once. */
public final class Concurrently {
  private Concurrently() {}

  /** One racer's work; {@code index} runs from 0 to n - 1. */
  public interface Task {
    void run(int index) throws Exception;
  }

  /**
   * Runs {@code task} on {@code threads} threads that start together, and waits for all of them.
   * The first failure is rethrown (wrapped in an {@link java.util.concurrent.ExecutionException}).
   */
  public static void run(int threads, Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(() -> {
              start.await();
              task.run(index);
              return null;
            }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
