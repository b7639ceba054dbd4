package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import dev.armature.testing.FakeEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semantic signals as a rule set declares them, with a fake embedder. */
class SemanticRuleSetTest {
  static final Path SEMANTIC = Path.of("src/test/resources/rulesets/semantic");
  private static final int EXAMPLES = 12;

  @TempDir Path tmp;

  @Test
  void load_embedsEveryExampleAndCounterExampleOnce() {
    FakeEmbedder embedder = new FakeEmbedder();

    RuleSet rules = RuleSetLoader.load(SEMANTIC, () -> embedder);

    assertThat(rules.signals().names())
        .containsExactly("frustration", "topic-account", "topic-delivery", "topic-refund");
    assertThat(embedder.embedded())
        .hasSize(EXAMPLES)
        .doesNotHaveDuplicates()
        .contains("i want to send the parcel back", "i forgot my password");
  }

  @Test
  void reload_embedsOnlyTheExamplesThatChanged() throws IOException {
    Path dir = TestRules.copy(SEMANTIC, tmp.resolve("semantic"));
    FakeEmbedder embedder = new FakeEmbedder();
    RuleSetLoader.load(dir, () -> embedder);
    RuleSetLoader.load(dir, () -> embedder);
    assertThat(embedder.embedded()).as("an unchanged reload embeds nothing").hasSize(EXAMPLES);

    Path yaml = dir.resolve("ruleset.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml)
            .replace("\"i forgot my password\"", "\"i forgot my password again\""));
    RuleSet edited = RuleSetLoader.load(dir, () -> embedder);

    assertThat(embedder.embedded().subList(EXAMPLES, embedder.embedded().size()))
        .containsExactly("i forgot my password again");
    assertThat(edited.signals().detect("i forgot my password again", List.of()).signals())
        .extracting(s -> s.name() + " " + s.score() + " " + s.evidence())
        .containsExactly("topic-account 1.0 [i forgot my password again]");
  }

  @Test
  void load_whenASemanticSignalIsWrong_namesTheLineAndTheSignal() throws IOException {
    Path dir = TestRules.copy(SEMANTIC, tmp.resolve("semantic"));
    Path yaml = dir.resolve("ruleset.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml)
            .replace("\"i want to send the parcel back\"", "\"where is my package\""));

    RuleSetException e =
        catchThrowableOfType(
            RuleSetException.class, () -> RuleSetLoader.load(dir, FakeEmbedder::new));

    assertThat(e.problems())
        .containsExactly(
            new Problem(
                "ruleset.yaml",
                15,
                1,
                "signals.signal 'topic-delivery': 'where is my package' is both an example and a"
                    + " counter-example"));
  }

  @Test
  void turn_embedsTheUserMessageOnce() {
    FakeEmbedder embedder = new FakeEmbedder();
    Orchestrator orchestrator =
        Orchestrator.builder().ruleSet(RuleSetLoader.load(SEMANTIC, () -> embedder)).build();

    orchestrator.turn("c-1", "where is my package", Map.of());
    orchestrator.turn("c-1", "my account got locked, this is ridiculous", Map.of());

    assertThat(embedder.embedded().subList(EXAMPLES, embedder.embedded().size()))
        .containsExactly("where is my package", "my account got locked, this is ridiculous");
  }
}
