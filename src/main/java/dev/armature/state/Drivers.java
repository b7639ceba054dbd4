package dev.armature.state;

/**
 * The JDBC drivers are optional dependencies of {@code dev.armature:armature}: the application
 * chooses its database and declares the driver. Opening a store whose driver is missing fails here,
 * naming the artifact to add, rather than with JDBC's "no suitable driver".
 */
final class Drivers {
  /** The versions the store is tested with (pom.xml; checked by a test). */
  static final String H2 = "com.h2database:h2 2.3.232";

  static final String POSTGRESQL = "org.postgresql:postgresql 42.7.13";

  private Drivers() {}

  /**
   * @throws IllegalStateException naming the artifact to add when the URL is H2's or PostgreSQL's
   *     and its driver is not on the class path
   */
  static void require(String url) {
    if (url.startsWith("jdbc:h2:")) {
      require("org.h2.Driver", H2, "an H2 conversation store");
    } else if (url.startsWith("jdbc:postgresql:")) {
      require("org.postgresql.Driver", POSTGRESQL, "a PostgreSQL conversation store");
    }
  }

  private static void require(String className, String artifact, String store) {
    try {
      Class.forName(className, false, Drivers.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          store
              + " needs the JDBC driver "
              + artifact
              + " on the class path: add it to the application's dependencies"
              + " (it is an optional dependency of dev.armature:armature)");
    }
  }
}
