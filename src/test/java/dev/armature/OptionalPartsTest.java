package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's libraries and the JDBC drivers are optional dependencies: an application without
 * them gets an error that names the artifact to add, at the version pom.xml builds with.
 */
class OptionalPartsTest {
  @TempDir Path tmp;

  @Test
  void serverBuilder_whenJavalinIsMissing_namesTheArtifactAndVersion() throws Exception {
    Throwable thrown =
        call(without("javalin-"), "dev.armature.server.ArmatureServer", "builder", new Class<?>[0]);

    assertThat(thrown)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the HTTP server needs io.javalin:javalin "
                + pomProperty("javalin.version")
                + " on the class path: add it to the application's dependencies"
                + " (it is an optional dependency of dev.armature:armature)");
  }

  @Test
  void serverBuilder_whenThePrometheusRegistryIsMissing_namesTheArtifactAndVersion()
      throws Exception {
    Throwable thrown =
        call(
            without("micrometer-registry-prometheus-"),
            "dev.armature.server.ArmatureServer",
            "builder",
            new Class<?>[0]);

    assertThat(thrown)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "the HTTP server needs io.micrometer:micrometer-registry-prometheus "
                + pomProperty("micrometer.version")
                + " on the class path");
  }

  @Test
  void serverBuilder_whenTheLibrariesArePresent_builds() throws Exception {
    Throwable thrown =
        call(without("no-such-jar-"), "dev.armature.server.ArmatureServer", "builder");

    assertThat(thrown).isNull();
  }

  @Test
  void h2Store_whenTheDriverIsMissing_namesTheArtifactAndVersion() throws Exception {
    Throwable thrown =
        call(
            without("h2-"),
            "dev.armature.state.JdbcStore",
            "h2File",
            new Class<?>[] {Path.class},
            tmp.resolve("conversations"));

    assertThat(thrown)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "an H2 conversation store needs the JDBC driver com.h2database:h2 "
                + pomProperty("h2.version")
                + " on the class path: add it to the application's dependencies"
                + " (it is an optional dependency of dev.armature:armature)");
    assertThat(tmp.resolve("conversations.mv.db")).doesNotExist();
  }

  @Test
  void postgresStore_whenTheDriverIsMissing_namesTheArtifactAndVersion() throws Exception {
    Throwable thrown =
        call(
            without("postgresql-"),
            "dev.armature.state.JdbcStore",
            "open",
            new Class<?>[] {String.class},
            "jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret");

    assertThat(thrown)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "a PostgreSQL conversation store needs the JDBC driver org.postgresql:postgresql "
                + pomProperty("postgresql.version")
                + " on the class path")
        .hasMessageNotContaining("secret");
  }

  /** This JVM's class path without the jars whose file names start with {@code prefix}. */
  private static URL[] without(String prefix) throws Exception {
    List<URL> urls = new ArrayList<>();
    int dropped = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.getFileName().toString();
      if (name.startsWith(prefix) && name.endsWith(".jar")) {
        dropped++;
      } else {
        urls.add(path.toUri().toURL());
      }
    }
    assertThat(dropped <= 1).as("at most one jar named " + prefix + "*").isTrue();
    if (!prefix.startsWith("no-such")) {
      assertThat(dropped).as("a jar named " + prefix + "* on the class path").isEqualTo(1);
    }
    return urls.toArray(URL[]::new);
  }

  /** Calls a static method in a class loader of {@code urls}; what it threw, or null. */
  private static Throwable call(URL[] urls, String type, String method) throws Exception {
    return call(urls, type, method, new Class<?>[0]);
  }

  private static Throwable call(
      URL[] urls, String type, String method, Class<?>[] parameters, Object... arguments)
      throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    // Jackson looks for modules through the context class loader: make it the application's.
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(loader);
      loader.loadClass(type).getMethod(method, parameters).invoke(null, arguments);
      return null;
    } catch (InvocationTargetException e) {
      return e.getCause();
    } finally {
      thread.setContextClassLoader(context);
    }
  }

  private static String pomProperty(String name) throws Exception {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).as("pom.xml property " + name).isTrue();
    return m.group(1);
  }
}
