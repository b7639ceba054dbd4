package dev.armature.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.facts.Signal;
import dev.armature.testing.FakeEmbedder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SemanticSignalTest {
  private static SignalSpec semantic(
      List<String> examples, List<String> counters, Double minScore, String group) {
    return new SignalSpec(
        null, null, null, null, null, null, null, null, null, null, minScore, null, examples,
        counters, group);
  }

  private static SignalSpec lexicon(Map<String, Double> phrases, String group) {
    return new SignalSpec(
        phrases, null, null, null, null, null, null, null, null, null, null, null, null, null,
        group);
  }

  /** Three directions: log-in (x), password (y), parcel (z). */
  private final FakeEmbedder embedder =
      new FakeEmbedder()
          .with("i cannot log in", 1, 0, 0)
          .with("i forgot my password", 0, 1, 0)
          .with("where is my parcel", 0, 0, 1)
          .with("log in to the parcel locker", 0.6f, 0, 0.8f)
          .with("cant sign in", 0.8f, 0.6f, 0)
          .with("sign in to the parcel locker", 0.6f, 0, 0.8f)
          .with("the parcel", 0.3f, 0, 0.954f);

  private SignalDetector compile(Map<String, SignalSpec> specs) {
    return SignalDetector.compile(specs, () -> embedder);
  }

  @Test
  void detect_whenMessageIsNearAnExample_scoresItsCosineAndNamesTheNearestExample() {
    SignalDetector detector =
        compile(
            Map.of(
                "topic-account",
                semantic(List.of("i cannot log in", "i forgot my password"), null, null, null)));

    Detection d = detector.detect("cant sign in", List.of());

    assertThat(d.signals())
        .containsExactly(new Signal("topic-account", 0.8, List.of("i cannot log in")));
  }

  @Test
  void detect_whenNearestExampleIsBelowMinScore_reportsNothing() {
    SignalDetector detector =
        compile(Map.of("topic-account", semantic(List.of("i cannot log in"), null, 0.81, null)));

    assertThat(detector.detect("cant sign in", List.of()).signals()).isEmpty();
  }

  @Test
  void detect_whenMinScoreIsNotGiven_firesFromHalf() {
    SignalDetector detector =
        compile(
            Map.of("topic-delivery", semantic(List.of("where is my parcel"), null, null, null)));

    assertThat(detector.detect("cant sign in", List.of()).signals()).isEmpty();
    assertThat(detector.detect("the parcel", List.of()).signals())
        .containsExactly(new Signal("topic-delivery", 0.954, List.of("where is my parcel")));
  }

  @Test
  void detect_whenACounterExampleIsAsNearAsTheNearestExample_vetoes() {
    SignalDetector vetoing =
        compile(
            Map.of(
                "topic-account",
                semantic(
                    List.of("i cannot log in"),
                    List.of("log in to the parcel locker"),
                    null,
                    null)));

    // 0.6 to the example and 1.0 to the counter-example: vetoed.
    assertThat(vetoing.detect("sign in to the parcel locker", List.of()).signals()).isEmpty();
    // 0.8 to the example, 0.48 to the counter-example: the example is nearer.
    assertThat(vetoing.detect("cant sign in", List.of()).signals())
        .extracting(Signal::score)
        .containsExactly(0.8);
  }

  @Test
  void detect_whenMembersOfAGroupBothFire_keepsOnlyTheBestScoring() {
    SignalDetector detector =
        compile(
            Map.of(
                "topic-account", semantic(List.of("i cannot log in"), null, 0.2, "topic"),
                "topic-delivery", semantic(List.of("where is my parcel"), null, 0.2, "topic"),
                "topic-password", semantic(List.of("i forgot my password"), null, 0.2, null)));

    Detection d = detector.detect("sign in to the parcel locker", List.of());
    Detection other = detector.detect("cant sign in", List.of());

    assertThat(d.signals()).extracting(Signal::name).containsExactly("topic-delivery");
    assertThat(other.signals())
        .extracting(Signal::name)
        .containsExactly("topic-account", "topic-password");
  }

  @Test
  void detect_whenGroupMembersTie_keepsTheFirstByName() {
    Map<String, SignalSpec> specs = new TreeMap<>();
    specs.put("b-words", lexicon(Map.of("parcel", 0.5), "topic"));
    specs.put("a-words", lexicon(Map.of("locker", 0.5), "topic"));
    SignalDetector detector = compile(specs);

    assertThat(detector.detect("the parcel locker", List.of()).signals())
        .extracting(Signal::name)
        .containsExactly("a-words");
  }

  @Test
  void detect_embedsTheMessageOncePerTurnForAllSemanticSignals() {
    SignalDetector detector =
        compile(
            Map.of(
                "topic-account", semantic(List.of("i cannot log in"), null, null, null),
                "topic-delivery", semantic(List.of("where is my parcel"), null, null, null)));
    int afterCompile = embedder.embedded().size();

    detector.detect("cant sign in", List.of());

    assertThat(embedder.embedded().subList(afterCompile, embedder.embedded().size()))
        .containsExactly("cant sign in");
  }

  @Test
  void detect_whenAMessageComesAgain_usesItsVectorWithoutEmbeddingItAgain() {
    SignalDetector detector =
        compile(Map.of("topic-account", semantic(List.of("i cannot log in"), null, null, null)));
    int afterCompile = embedder.embedded().size();

    Detection first = detector.detect("cant sign in", List.of());
    Detection again = detector.detect("cant sign in", List.of());
    detector.detect("where is my parcel", List.of());

    assertThat(again.signals()).isEqualTo(first.signals());
    assertThat(embedder.embedded().subList(afterCompile, embedder.embedded().size()))
        .containsExactly("cant sign in", "where is my parcel");
  }

  @Test
  void detect_whenMessageHasACardNumber_embedsTheRedactedText() {
    SignalSpec card =
        new SignalSpec(
            null,
            "\\b(?:\\d[ -]?){12,18}\\d\\b",
            null,
            true,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    FakeEmbedder trigrams = new FakeEmbedder();
    SignalDetector detector =
        SignalDetector.compile(
            Map.of(
                "card-number",
                card,
                "topic-account",
                semantic(List.of("i cannot log in"), null, null, null)),
            () -> trigrams);

    Detection d = detector.detect("card 4111 1111 1111 1111 cant sign in", List.of());

    assertThat(trigrams.embedded()).containsExactly("i cannot log in", d.text());
    assertThat(d.text()).doesNotContain("4111 1111");
  }

  @Test
  void compile_whenNoSignalHasExamples_neverAsksForTheEmbedder() {
    SignalDetector detector =
        SignalDetector.compile(
            Map.of("frustration", lexicon(Map.of("fed up", 0.7), null)),
            () -> {
              throw new AssertionError("the embedder was asked for");
            });

    assertThat(detector.detect("I'm fed up", List.of()).signals()).hasSize(1);
  }

  @Test
  void compile_whenExampleIsAlsoACounterExample_namesIt() {
    assertThatThrownBy(
            () ->
                compile(
                    Map.of(
                        "topic-account",
                        semantic(
                            List.of("i cannot log in"), List.of("i cannot log in"), null, null))))
        .hasMessage(
            "signal 'topic-account': 'i cannot log in' is both an example and a counter-example");
  }

  @Test
  void compile_whenOptionsDoNotFitTheKind_namesTheOption() {
    SignalSpec countersAlone =
        new SignalSpec(
            Map.of("x", 0.5),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("a counter-example"),
            null);
    SignalSpec groupedStructure =
        new SignalSpec(
            null,
            null,
            null,
            null,
            null,
            "question",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            "topic");
    SignalSpec twoKinds =
        new SignalSpec(
            Map.of("x", 0.5),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of("an example"),
            null,
            null);

    assertThatThrownBy(() -> compile(Map.of("a", countersAlone)))
        .hasMessage("signal 'a': counter_examples need examples to veto");
    assertThatThrownBy(() -> compile(Map.of("b", groupedStructure)))
        .hasMessage("signal 'b': group 'topic' is for signals with phrases or examples");
    assertThatThrownBy(() -> compile(Map.of("c", twoKinds)))
        .hasMessage("signal 'c': give exactly one of phrases, pattern, structural or examples");
    assertThatThrownBy(() -> compile(Map.of("d", semantic(List.of("fine", " "), null, null, null))))
        .hasMessage("signal 'd': examples[1] is empty");
  }
}
