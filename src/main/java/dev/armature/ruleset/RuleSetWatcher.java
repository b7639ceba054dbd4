package dev.armature.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Follows rule set folders with one watch service and one thread for the whole process. A burst of
 * file events (an editor's temporary file and rename, a save of several files) settles for {@link
 * #QUIET_MILLIS} before one rebuild runs, on a low-priority thread off the request path.
 *
 * <p>The service and its threads exist while at least one folder is followed: closing the last
 * registration closes them, so that no thread is left blocked in native code (the JVM waits about
 * 300 ms at exit for such a thread), and the next registration starts them again.
 */
final class RuleSetWatcher {
  static final long QUIET_MILLIS = 150;

  /** The process's watchers: rule sets share one while any folder is followed. */
  static final Pool PROCESS = new Pool();

  private final Pool pool;
  private final WatchService service;
  private final Thread loop;
  private final Map<WatchKey, Registration> keys = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          daemon("armature-reload-timer", Thread.NORM_PRIORITY));
  private final ExecutorService builder =
      Executors.newCachedThreadPool(daemon("armature-reload", Thread.MIN_PRIORITY));

  private RuleSetWatcher(Pool pool) {
    this.pool = pool;
    try {
      service = FileSystems.getDefault().newWatchService();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch rule set folders", e);
    }
    loop = daemon("armature-rules-watcher", Thread.NORM_PRIORITY).newThread(this::loop);
    loop.start();
  }

  /**
   * Hands out registrations on one watcher, which it starts for the first and stops when the last
   * closes.
   */
  static final class Pool {
    private RuleSetWatcher current;
    private int open;

    /**
     * Follows {@code root} and its subfolders; {@code reload} runs once a burst of edits settled.
     */
    synchronized Registration watch(Path root, Runnable reload) {
      if (current == null) {
        current = new RuleSetWatcher(this);
      }
      try {
        Registration registration = current.register(root, reload);
        open++;
        return registration;
      } catch (RuntimeException e) {
        if (open == 0) {
          current.stop();
          current = null;
        }
        throw e;
      }
    }

    /** Whether a watcher is running: some folder is followed. */
    synchronized boolean running() {
      return current != null;
    }

    private void release(RuleSetWatcher watcher) {
      synchronized (this) {
        if (--open > 0 || current != watcher) {
          return;
        }
        current = null;
      }
      watcher.stop();
    }
  }

  private void stop() {
    timer.shutdownNow();
    // A reload already running finishes; its registration is closed, so nothing follows it.
    builder.shutdown();
    try {
      service.close();
    } catch (IOException e) {
      // Closing releases the inotify instance; there is nothing left to do if that fails.
    }
  }

  /** The thread that waits for file events; it ends once the last registration closed. */
  Thread loopThread() {
    return loop;
  }

  /** One watched folder tree and what to run when it changed. */
  final class Registration implements AutoCloseable {
    private final Path root;
    private final Runnable reload;
    private ScheduledFuture<?> pending;
    private volatile boolean closed;

    private Registration(Path root, Runnable reload) {
      this.root = root;
      this.reload = reload;
    }

    synchronized void changed() {
      if (closed) {
        return;
      }
      if (pending != null) {
        pending.cancel(false);
      }
      pending =
          timer.schedule(() -> builder.execute(this::run), QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void run() {
      if (!closed) {
        reload.run();
      }
    }

    /** The watcher this registration runs on. */
    RuleSetWatcher watcher() {
      return RuleSetWatcher.this;
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        if (pending != null) {
          pending.cancel(false);
        }
        keys.entrySet()
            .removeIf(
                e -> {
                  if (e.getValue() == this) {
                    e.getKey().cancel();
                    return true;
                  }
                  return false;
                });
      }
      pool.release(RuleSetWatcher.this);
    }
  }

  private Registration register(Path root, Runnable reload) {
    Registration registration = new Registration(root.toAbsolutePath().normalize(), reload);
    registerTree(registration.root, registration);
    return registration;
  }

  private void registerTree(Path dir, Registration registration) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(p)) {
          keys.put(
              p.register(
                  service,
                  StandardWatchEventKinds.ENTRY_CREATE,
                  StandardWatchEventKinds.ENTRY_DELETE,
                  StandardWatchEventKinds.ENTRY_MODIFY),
              registration);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch rule set folder '" + dir + "'", e);
    }
  }

  private void loop() {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      Registration registration = keys.get(key);
      if (registration != null) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
            Path created = dir.resolve((Path) event.context());
            if (Files.isDirectory(created)) {
              try {
                registerTree(created, registration);
              } catch (UncheckedIOException | ClosedWatchServiceException ignored) {
                // The folder went away again before it could be watched (the reload sees the tree
                // as it is), or the last registration closed meanwhile.
              }
            }
          }
        }
        registration.changed();
      }
      if (!key.reset()) {
        keys.remove(key);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name, int priority) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      t.setPriority(priority);
      return t;
    };
  }
}
