package tally.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Makes committed batches durable off the writer thread. The writer commits with {@code
 * synchronous=NORMAL} (frames written to the WAL, no fsync) and goes on with the next batch; this
 * thread fsyncs the WAL file and only then acknowledges the batches committed before that fsync
 * began, so no caller hears "done" before its transaction is on disk. One fsync covers every batch
 * committed while the previous one ran.
 */
final class WalSync implements Durability {
  private final Path wal;
  private final BlockingQueue<Consumer<RuntimeException>> waiting = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  WalSync(Path databaseFile) {
    this.wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
    this.thread = Threads.start("tally-wal-sync", this::loop);
  }

  @Override
  public void whenDurable(Consumer<RuntimeException> ack) {
    waiting.add(ack);
  }

  private void loop() {
    List<Consumer<RuntimeException>> acks = new ArrayList<>();
    while (running || !waiting.isEmpty()) {
      try {
        acks.add(waiting.take());
      } catch (InterruptedException e) {
        if (waiting.isEmpty()) {
          return;
        }
        continue;
      }
      waiting.drainTo(acks);
      RuntimeException failure = sync();
      acks.forEach(ack -> ack.accept(failure));
      acks.clear();
    }
  }

  private RuntimeException sync() {
    // Opened per round: SQLite may recreate the WAL file, and any descriptor of the file syncs it.
    try (FileChannel channel = FileChannel.open(wal, StandardOpenOption.WRITE)) {
      channel.force(false);
      return null;
    } catch (IOException e) {
      return new UncheckedIOException("could not make the write-ahead log durable", e);
    }
  }

  @Override
  public void close() {
    running = false;
    // Wakes the thread for a last round instead of interrupting it: an interrupt would close the
    // channel in the middle of an fsync.
    waiting.add(failure -> {});
    Threads.awaitStop(thread);
  }
}
