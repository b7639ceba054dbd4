package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of docs/embedding.md compiles against Armature, and the custom store and
 * model it shows work in an orchestrator. (EmbeddingIT runs the LangChain4j example in a project of
 * its own.)
 */
class EmbeddingDocTest {
  private static final Pattern JAVA =
      Pattern.compile("^```java\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern CLASS = Pattern.compile("public (?:final )?class (\\w+)");

  @TempDir static Path classes;
  private static URLClassLoader loader;

  @BeforeAll
  static void compileTheExamples() throws Exception {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xlint:all",
                "-Werror"));
    List<String> names = new ArrayList<>();
    Matcher block = JAVA.matcher(Files.readString(Path.of("docs/embedding.md")));
    while (block.find()) {
      Matcher name = CLASS.matcher(block.group(1));
      assertThat(name.find()).as("a public class in%n%s", block.group(1)).isTrue();
      Path source = classes.resolve(name.group(1) + ".java");
      Files.writeString(source, block.group(1));
      arguments.add(source.toString());
      names.add(name.group(1));
    }
    assertThat(names)
        .as("java blocks in docs/embedding.md")
        .contains("MapStore", "CannedModel", "ReloadLog", "OpenAiExample");

    int code =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, arguments.toArray(String[]::new));

    assertThat(code).as("javac's exit code for the examples of docs/embedding.md").isZero();
    loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, EmbeddingDocTest.class.getClassLoader());
  }

  @Test
  void mapStore_keepsAConversationAcrossTurns_andRefusesAStaleSave() throws Exception {
    ConversationStore store = (ConversationStore) newInstance("MapStore");
    try (Orchestrator orchestrator =
        Orchestrator.builder().rules(Path.of("rules/support")).store(store).build()) {
      orchestrator.turn("c-1", "Hi, I was charged twice for order 1182");
      TurnResult second = orchestrator.turn("c-1", "Any news?");

      assertThat(second.trace().turn()).isEqualTo(2);
      assertThat(store.load("c-1").orElseThrow().vars()).containsEntry("order_id", "1182");
    }
    Conversation stale = Conversation.start("c-1").next(Map.of(), exchange(), 4);
    assertThatThrownBy(() -> store.save(stale))
        .isInstanceOf(ConflictException.class)
        .hasMessage("conversation 'c-1' moved on to version 2");
  }

  @Test
  void cannedModel_answersWithTheDirectives_andRefusesABlankText() throws Exception {
    Model model = (Model) newInstance("CannedModel");
    try (Orchestrator orchestrator =
        Orchestrator.builder().rules(Path.of("rules/support")).model(model).build()) {
      TurnResult result = orchestrator.turn("c-2", "Where is my parcel?");

      assertThat(result.reply())
          .isEqualTo("Noted: " + String.join(", ", result.trace().constructs()));
    }
    assertThat(runMain("CannedModel")).startsWith("Noted: ");
  }

  @Test
  void reloadLog_buildsAnOrchestratorThatServes() throws Exception {
    Object built = loader.loadClass("ReloadLog").getMethod("build").invoke(null);

    try (Orchestrator orchestrator = (Orchestrator) built) {
      assertThat(orchestrator.status().version()).isNotBlank();
    }
  }

  private static Conversation.Exchange exchange() {
    return new Conversation.Exchange(1, "hi", "hello", List.of(), Map.of());
  }

  private static Object newInstance(String name) throws Exception {
    return loader.loadClass(name).getConstructor().newInstance();
  }

  private static String runMain(String name) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      loader.loadClass(name).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
