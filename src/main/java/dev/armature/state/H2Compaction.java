package dev.armature.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Compacts an embedded H2 file as turns commit. H2 writes every commit as a new chunk at the end of
 * the file and frees old chunks only by rewriting their live pages elsewhere, which its background
 * thread does; with {@code WRITE_DELAY=0}, which a turn's durability needs, that thread does not
 * run and the file grew by some 40 KB per turn whatever the data. Every {@value #EVERY} commits,
 * one daemon thread rewrites the chunks that are mostly dead, so their space is used again.
 */
final class H2Compaction implements AutoCloseable {
  static final int EVERY = 200;

  /** Chunks less full than this are rewritten. */
  private static final int TARGET_FILL_RATE = 80;

  /** The most bytes one compaction writes. */
  private static final int WRITE_LIMIT = 16 * 1024 * 1024;

  /** The store's write lock: a compaction writes a snapshot, so it waits for whole transactions. */
  private final Lock writes;

  private final AtomicLong commits = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "armature-h2-compaction");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
          });

  H2Compaction(Lock writes) {
    this.writes = writes;
  }

  /** Counts a commit, and starts a compaction every {@value #EVERY} unless one is running. */
  void committed(ConnectionPool pool) {
    if (commits.incrementAndGet() % EVERY != 0 || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(() -> compact(pool));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      running.set(false);
    }
  }

  private void compact(ConnectionPool pool) {
    try {
      Connection c = pool.take();
      writes.lock();
      try {
        store(c).compact(TARGET_FILL_RATE, WRITE_LIMIT);
      } finally {
        writes.unlock();
        pool.give(c);
      }
    } catch (SQLException | RuntimeException e) {
      // The file stays as it is until the next compaction; nothing is lost.
      System.getLogger(H2Compaction.class.getName())
          .log(System.Logger.Level.WARNING, "H2 compaction failed: " + e.getMessage());
    } finally {
      running.set(false);
    }
  }

  private static MVStore store(Connection c) throws SQLException {
    SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    return session.getDatabase().getStore().getMvStore();
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
