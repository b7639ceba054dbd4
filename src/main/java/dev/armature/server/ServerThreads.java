package dev.armature.server;

import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The threads that run requests. A turn waits for the model for seconds on the thread that runs it,
 * so the number of threads must not be what limits the turns in flight ({@link Capacity} does).
 * Where the JVM has virtual threads (Java 21 and later, found at run time), Jetty keeps a few
 * platform threads for its selectors and runs every request on a virtual thread of its own; on Java
 * 17 the pool's platform threads are made as needed, up to the most turns in flight plus room for
 * the other endpoints, and end after a minute idle.
 */
final class ServerThreads {
  /** Threads beyond the turns in flight, for health checks, metrics, the page and Jetty itself. */
  static final int HEADROOM = 64;

  private ServerThreads() {}

  static boolean virtual() {
    return VirtualThreads.areSupported();
  }

  static ThreadPool pool(int maxInFlight) {
    if (virtual()) {
      QueuedThreadPool pool = new QueuedThreadPool(HEADROOM, 4, 60_000);
      pool.setName("armature-serve");
      pool.setVirtualThreadsExecutor(
          VirtualThreads.getNamedVirtualThreadsExecutor("armature-turn"));
      return pool;
    }
    QueuedThreadPool pool = new QueuedThreadPool(maxInFlight + HEADROOM, 8, 60_000);
    pool.setName("armature-serve");
    return pool;
  }
}
