package tally.api;

import java.util.function.Function;

/** An update parameter: not sent, sent empty (clear it), or sent with a value. */
public sealed interface Patch<T> {
  record Absent<T>() implements Patch<T> {}

  record Clear<T>() implements Patch<T> {}

  record Set<T>(T value) implements Patch<T> {}

  static <T> Patch<T> absent() {
    return new Absent<>();
  }

  /** The value after applying this patch to {@code current}. */
  default T applyTo(T current) {
    return switch (this) {
      case Absent<T> a -> current;
      case Clear<T> c -> null;
      case Set<T> s -> s.value();
    };
  }

  default boolean isPresent() {
    return !(this instanceof Absent<T>);
  }

  default <R> Patch<R> map(Function<T, R> f) {
    return switch (this) {
      case Absent<T> a -> new Absent<>();
      case Clear<T> c -> new Clear<>();
      case Set<T> s -> new Set<>(f.apply(s.value()));
    };
  }
}
