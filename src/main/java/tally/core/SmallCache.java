package tally.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function's results for a few keys. Past {@code max} keys it starts over: the
 * callers' keys are few (an account's stored settings, say), so eviction order does not matter.
 */
public final class SmallCache<K, V> {
  private final int max;
  private final Function<K, V> compute;
  private final Map<K, V> values = new ConcurrentHashMap<>();

  public SmallCache(int max, Function<K, V> compute) {
    this.max = max;
    this.compute = compute;
  }

  public V get(K key) {
    V value = values.get(key);
    if (value == null) {
      if (values.size() >= max) {
        values.clear();
      }
      value = values.computeIfAbsent(key, compute);
    }
    return value;
  }
}
