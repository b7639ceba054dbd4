package dev.armature.server;

/**
 * The server's libraries are optional dependencies of {@code dev.armature:armature}: an application
 * that only embeds the orchestrator does not get them. Starting a server without them fails here,
 * naming the artifact to add, rather than with a missing class deep inside a request.
 */
final class Libraries {
  /** The versions the server is built and tested with (pom.xml; checked by a test). */
  static final String JAVALIN = "io.javalin:javalin 7.2.3";

  static final String PROMETHEUS = "io.micrometer:micrometer-registry-prometheus 1.17.2";

  private Libraries() {}

  /**
   * @throws IllegalStateException naming the missing artifact and its version
   */
  static void require() {
    require("io.javalin.Javalin", JAVALIN);
    require("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", PROMETHEUS);
  }

  private static void require(String className, String artifact) {
    try {
      Class.forName(className, false, Libraries.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "the HTTP server needs "
              + artifact
              + " on the class path: add it to the application's dependencies"
              + " (it is an optional dependency of dev.armature:armature)");
    }
  }
}
