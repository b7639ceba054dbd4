package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.facts.Signal;
import dev.armature.replay.Recorder;
import dev.armature.replay.Replay;
import dev.armature.replay.ReplayReport;
import dev.armature.ruleset.LiveRuleSet;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay stays exact with semantic signals, on the real model: the same messages give the same
 * {@code Signal} facts in another JVM and after a reload, and recorded conversations replay without
 * a difference, one recorded now and one recorded in an earlier run.
 */
class SemanticExactnessTest {
  static final List<String> MESSAGES =
      List.of(
          "cant sign in, says my pasword is wrong",
          "wheres my parcel?? ordered 2 weeks ago",
          "can i send the package back to you",
          "when will my refund arrive",
          "this is ridiculous, the package never came",
          "thanks, that's all");

  @TempDir Path tmp;

  /** Prints the signals of {@link #MESSAGES}, one line each: what another JVM compares. */
  public static final class Scores {
    public static void main(String[] args) {
      System.out.print(
          String.join("\n", lines(RuleSetLoader.load(SemanticRuleSetTest.SEMANTIC))) + "\n");
    }
  }

  static List<String> lines(RuleSet rules) {
    List<String> lines = new ArrayList<>();
    for (String message : MESSAGES) {
      List<Signal> signals = rules.signals().detect(message, List.of()).signals();
      lines.add(message + " -> " + signals);
    }
    return lines;
  }

  @Test
  void detect_inAnotherJvm_givesIdenticalSignalFacts() throws Exception {
    List<String> here = lines(RuleSetLoader.load(SemanticRuleSetTest.SEMANTIC));

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Scores.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).isZero();
    assertThat(out.lines().toList()).isEqualTo(here);
    assertThat(here.get(0))
        .isEqualTo(
            "cant sign in, says my pasword is wrong -> [Signal[name=topic-account, score=0.703,"
                + " evidence=[i can't log in to my account]]]");
  }

  @Test
  void detect_afterAReload_givesIdenticalSignalFacts() throws IOException {
    Path dir = TestRules.copy(SemanticRuleSetTest.SEMANTIC, tmp.resolve("semantic"));
    try (LiveRuleSet live = LiveRuleSet.load(dir, Clock.systemUTC())) {
      List<String> before = lines(live.current());
      String versionBefore = live.current().version();
      Path drl = dir.resolve("patterns/topics.drl");
      Files.writeString(drl, Files.readString(drl) + "\n// edited\n");

      live.reload();

      assertThat(live.current().version()).isNotEqualTo(versionBefore);
      assertThat(lines(live.current())).isEqualTo(before);
    }
  }

  @Test
  void record_thenReplay_matchesStrictly() {
    Recorder recorder = Recorder.start("semantic topics", Map.of());
    Orchestrator orchestrator =
        Orchestrator.builder()
            .ruleSet(RuleSetLoader.load(SemanticRuleSetTest.SEMANTIC))
            .model(recorder.model(new dev.armature.model.DryRunModel()))
            .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
            .build();
    for (String message : MESSAGES) {
      recorder.turn(orchestrator, "c-1", message);
    }
    Path file = tmp.resolve("semantic.yaml");
    recorder.write(file);

    ReplayReport report =
        Replay.builder().rules(SemanticRuleSetTest.SEMANTIC).strict().build().run(List.of(file));

    assertThat(report.passed()).as(report.failures()).isTrue();
    assertThat(report.turns()).isEqualTo(MESSAGES.size());
  }

  @Test
  void replay_ofAConversationRecordedInAnEarlierRun_matchesStrictlyWithTheSameScores()
      throws IOException {
    Path file = Path.of("src/test/resources/conversations-semantic/topics.yaml");

    ReplayReport report =
        Replay.builder().rules(SemanticRuleSetTest.SEMANTIC).strict().build().run(List.of(file));

    assertThat(report.passed()).as(report.failures()).isTrue();
    assertThat(report.turns()).isEqualTo(MESSAGES.size());
    // The file keeps each turn's signals and scores as recorded: the same, to the last decimal.
    List<String> recorded =
        Files.readString(file)
            .lines()
            .filter(l -> l.strip().startsWith("signals: "))
            .map(l -> l.strip().substring("signals: ".length()))
            .toList();
    RuleSet rules = RuleSetLoader.load(SemanticRuleSetTest.SEMANTIC);
    List<String> now = new ArrayList<>();
    for (String message : MESSAGES) {
      List<String> signals = new ArrayList<>();
      rules
          .signals()
          .detect(message, List.of())
          .signals()
          .forEach(s -> signals.add("\"" + s.name() + " " + s.score() + "\""));
      now.add("[" + String.join(", ", signals) + "]");
    }
    assertThat(now).isEqualTo(recorded);
  }
}
