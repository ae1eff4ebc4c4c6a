package tally.store;

import org.jdbi.v3.core.Handle;

/** One request's unit of work: committed explicitly, rolled back if closed without a commit. */
public final class Tx implements AutoCloseable {
  private final Handle handle;
  private final boolean write;
  private final Runnable onClose;
  private boolean done;

  Tx(Handle handle, boolean write, Runnable onClose) {
    this.handle = handle;
    this.write = write;
    this.onClose = onClose;
  }

  public Handle handle() {
    return handle;
  }

  public boolean isWrite() {
    return write;
  }

  public void commit() {
    if (write && !done) {
      handle.commit();
    }
    done = true;
  }

  @Override
  public void close() {
    try {
      if (write && !done) {
        handle.rollback();
      }
    } finally {
      try {
        handle.close();
      } finally {
        onClose.run();
      }
    }
  }
}
