package tally.store;

import java.util.function.Consumer;

/** When a committed batch of writes may be acknowledged. */
interface Durability extends AutoCloseable {
  /** Calls {@code ack} (with null, or the failure) once everything committed so far is durable. */
  void whenDurable(Consumer<RuntimeException> ack);

  @Override
  void close();

  /** PostgreSQL's commit returns once its WAL is flushed: a commit is durable when it returns. */
  Durability AT_COMMIT =
      new Durability() {
        @Override
        public void whenDurable(Consumer<RuntimeException> ack) {
          ack.accept(null);
        }

        @Override
        public void close() {}
      };
}
