package dev.armature.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.Orchestrator;
import dev.armature.model.DryRunModel;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded live conversation replays exactly, and its file holds no secret. */
class RecorderTest {
  static final RuleSet SUPPORT = RuleSetLoader.load(Path.of("rules/support"));

  @TempDir Path dir;

  /** A hand-written fake: scripted replies or failures, then dry-run replies. */
  static final class Script implements Model {
    final Deque<Object> next = new ArrayDeque<>();

    Script then(Object... answers) {
      next.addAll(List.of(answers));
      return this;
    }

    @Override
    public synchronized ModelReply generate(ModelRequest request) {
      Object answer = next.pollFirst();
      if (answer instanceof ModelException.Kind) {
        throw new ModelException((ModelException.Kind) answer, "scripted failure", null);
      }
      return answer == null ? new DryRunModel().generate(request) : ModelReply.of((String) answer);
    }
  }

  @Test
  void record_whenReplayed_matchesStrictlyWithRetriesFailuresAndRedactedText() {
    Recorder recorder = Recorder.start("card and outage", Map.of("tier", "gold"));
    Script script =
        new Script()
            .then(
                "Card 4000 0566 5566 5556 was charged twice.",
                "The duplicate is reversed in 5 days.",
                ModelException.Kind.UNAVAILABLE,
                "Order 66001 is on its way.");
    Orchestrator orchestrator =
        Orchestrator.builder()
            .ruleSet(SUPPORT)
            .model(recorder.model(script))
            .sleeper(d -> {})
            .build();
    recorder.turn(orchestrator, "c-1", "I was charged twice on 4111 1111 1111 1111");
    recorder.turn(orchestrator, "c-1", "Where is order 66001?");
    recorder.turn(orchestrator, "c-1", "thanks, bye");
    Path file = dir.resolve("recorded.yaml");
    recorder.write(file);

    ReplayReport report = Replay.builder().strict().build().run(List.of(file));

    assertThat(report.passed()).as(report.failures()).isTrue();
    assertThat(report.turns()).isEqualTo(3);
    ConversationFile read = ConversationFile.read(file);
    assertThat(read.turns().get(0).answers())
        .extracting(ConversationFile.Answer::text)
        .containsExactly(
            "Card 4000 0566 5566 5556 was charged twice.", "The duplicate is reversed in 5 days.");
    assertThat(read.turns().get(0).expect().outcome()).isEqualTo("retried-after-review");
    assertThat(read.turns().get(1).answers())
        .containsExactly(
            ConversationFile.Answer.error("unavailable"),
            ConversationFile.Answer.reply("Order 66001 is on its way."));
    assertThat(read.turns().get(1).expect().vars()).containsEntry("order_id", "66001");
    assertThat(recorder.warnings())
        .containsExactly(
            "turn 1: the rule set redacts part of this text; the file holds "
                + "it as typed, so that replay detects it again");
  }

  @Test
  void start_whenAnAttributeIsNamedLikeASecret_refusesIt() {
    assertThatThrownBy(() -> Recorder.start("x", Map.of("api_key", "sk-123")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("attribute 'api_key' is named like a secret");
  }

  @Test
  void scrub_whenTheEnvironmentHoldsAKey_removesItsValue() {
    String text =
        Recorder.scrub(
            "user: \"my key is sk-abcdef123456\"",
            Map.of("OPENAI_API_KEY", "sk-abcdef123456", "HOME", "/home/someone"));

    assertThat(text).isEqualTo("user: \"my key is [OPENAI_API_KEY removed]\"");
  }

  @Test
  void write_thenRead_givesTheSameConversation() throws Exception {
    ConversationFile file =
        ConversationFile.read(Path.of("conversations/support/card-number-guard.yaml"));
    Path copy = dir.resolve("card-number-guard.yaml");
    Files.writeString(copy, file.toYaml());

    ConversationFile again = ConversationFile.read(copy);

    assertThat(again.toYaml()).isEqualTo(file.toYaml());
    assertThat(Files.readString(copy))
        .isEqualTo(Files.readString(Path.of("conversations/support/card-number-guard.yaml")));
  }
}
