package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeTest {
  @TempDir Path tmp;

  @Test
  void readmeEmbeddingExample_compilesAndRuns() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README has a java example").isTrue();
    Path source = tmp.resolve("Example.java");
    Files.writeString(source, block.group(1));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int code =
        javac.run(
            null,
            null,
            null,
            "-d",
            tmp.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            source.toString());
    assertThat(code).as("javac exit code").isZero();

    String out = runMain(tmp);

    assertThat(out).startsWith("[dry-run] applying ");
    assertThat(out.lines().toList()).hasSize(2);
  }

  @Test
  void readmeToolExample_compilesRunsAndShowsTheCallTheRulesAllowed() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher block =
        Pattern.compile("```java\n((?:(?!```).)*public class ToolExample.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertThat(block.find()).as("README has a tool example").isTrue();
    Path source = tmp.resolve("ToolExample.java");
    Files.writeString(source, block.group(1));
    int code =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                tmp.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                source.toString());
    assertThat(code).as("javac exit code").isZero();

    String out = runMain(tmp, "ToolExample");

    assertThat(out.lines().toList())
        .containsExactly(
            "Your order 1182 was delivered 10 days ago.",
            "lookup_order {\"order_id\":\"1182\"} -> ran");
  }

  @Test
  void readme_givesTheTwoCommandsAndCiRunsTheTestCommand() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains("./armature chat ", "./mvnw -B verify ");
    List<String> ci = Files.readAllLines(Path.of(".ci/run"));
    assertThat(ci).contains("./mvnw -B verify");
  }

  private static String runMain(Path classes) throws Exception {
    return runMain(classes, "Example");
  }

  private static String runMain(Path classes, String name) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeTest.class.getClassLoader())) {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass(name).getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
