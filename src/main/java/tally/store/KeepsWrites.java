package tally.store;

/**
 * A failure after which the transaction still commits (a declined charge is stored as failed). The
 * API layer's exception implements it; the store knows only this.
 */
public interface KeepsWrites {
  boolean keepWrites();
}
