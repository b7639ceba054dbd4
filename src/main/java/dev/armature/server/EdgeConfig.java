package dev.armature.server;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;

/**
 * How the server meets the network: who may call it ({@code Host}, {@code Origin}), how large and
 * how slow a request may be, and how Jetty's own errors and the access log are written.
 *
 * @param host the address listened on, a host the server serves
 * @param allowedHosts further {@code Host} names served ({@code *}: any)
 * @param allowedOrigins web origins other than the server's own that may call it ({@code *}: any)
 * @param maxBodyBytes the largest request body
 * @param minBytesPerSecond the slowest a request body may arrive; 0 for no minimum
 * @param idleTimeout how long a connection may send nothing, in its headers, its body or between
 *     requests
 * @param accessLog whether each request is logged in one line
 */
record EdgeConfig(
    String host,
    List<String> allowedHosts,
    List<String> allowedOrigins,
    int maxBodyBytes,
    long minBytesPerSecond,
    Duration idleTimeout,
    boolean accessLog) {
  EdgeConfig {
    allowedHosts = List.copyOf(allowedHosts);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** Puts the edge in front of Javalin's routes and configures Jetty's limits and errors. */
  void applyTo(JavalinConfig config) {
    config.jetty.modifyServer(this::modify);
    config.jetty.modifyHttpConfiguration(
        http -> {
          http.setIdleTimeout(idleTimeout.toMillis());
          http.setSendServerVersion(false);
        });
    config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrors()));
  }

  private void modify(Server server) {
    server.insertHandler(
        new Edge(
            new CrossSite(host, allowedHosts, allowedOrigins),
            new BodyReader.Limits(maxBodyBytes, minBytesPerSecond)));
    server.setErrorHandler(new JsonErrors());
    if (accessLog) {
      server.setRequestLog(ServerLog::access);
    }
    // Javalin adds its connector after this hook; the idle timeout is set once it is there.
    server.addEventListener(
        new org.eclipse.jetty.util.component.LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
            for (Connector connector : server.getConnectors()) {
              if (connector instanceof AbstractConnector) {
                ((AbstractConnector) connector).setIdleTimeout(idleTimeout.toMillis());
              }
            }
          }
        });
  }
}
