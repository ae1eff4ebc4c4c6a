package tally.core;

import java.util.Set;

/**
 * A status enum whose allowed transitions are data: the store refuses a move that {@link #next()}
 * does not list, and guards every move in SQL ({@code … WHERE status = from}).
 */
public interface State<S extends Enum<S> & State<S>> {
  /** The states this one may move to. */
  Set<S> next();

  /** The value Stripe shows and the column holds. */
  default String wire() {
    return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT);
  }

  default boolean canMoveTo(S to) {
    return next().contains(to);
  }
}
