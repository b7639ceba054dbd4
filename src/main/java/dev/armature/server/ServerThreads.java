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

  /**
   * The threads, and a listen backlog that holds a burst of new connections as large as the turns
   * allowed in flight (Jetty's default leaves it to the JDK's 50, past which a burst of clients
   * connecting at once is refused or reset).
   */
  static void configure(io.javalin.config.JavalinConfig config, int maxInFlight) {
    config.jetty.threadPool = pool(maxInFlight);
    // Javalin adds its connector after modifyServer runs, and before the server starts.
    config.jetty.modifyServer(
        server ->
            server.addEventListener(
                new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                  @Override
                  public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                    for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                      if (c instanceof org.eclipse.jetty.server.ServerConnector) {
                        ((org.eclipse.jetty.server.ServerConnector) c)
                            .setAcceptQueueSize(Math.min(maxInFlight, 65_535));
                      }
                    }
                  }
                }));
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
