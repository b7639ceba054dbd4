package dev.armature.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.Orchestrator;
import dev.armature.Trace;
import dev.armature.model.DryRunModel;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --impact} lists exactly the turns another version of the rules changes, and nothing
 * else.
 */
class ImpactTest {
  @TempDir Path other;

  @Test
  void impact_whenOneRuleIsEdited_listsExactlyTheTurnsThatChange() {
    Path support = Copies.copy(Path.of("rules/support"), other.resolve("support"));
    Copies.edit(
        support.resolve("patterns/topics.drl"),
        "    Signal(name == \"refund\")\n    not Signal(name == \"cancellation-fee\")\nthen",
        "    Signal(name == \"refund\")\n    not Signal(name == \"cancellation-fee\")\n"
            + "    not Signal(name == \"question\")\nthen");

    ImpactReport impact = Replay.builder().build().impact(List.of(Path.of("conversations")), other);

    Set<String> listed = new TreeSet<>();
    impact.changes().forEach(c -> listed.add(c.file().getFileName() + " turn " + c.turn()));
    Set<String> expected =
        changedTurns(RuleSetLoader.load(Path.of("rules/support")), RuleSetLoader.load(support));
    assertThat(impact.errors()).isEmpty();
    assertThat(expected).isNotEmpty();
    assertThat(listed).isEqualTo(expected);
    assertThat(impact.text()).contains(expected.size() + " of " + impact.turns() + " turn(s)");
  }

  @Test
  void impact_whenARespondTextChanges_listsTheTurnWhoseReplyChanges() {
    Path support = Copies.copy(Path.of("rules/support"), other.resolve("support"));
    Copies.edit(
        support.resolve("patterns/safety.drl"),
        "Your order can wait; you matter more.",
        "Your order can wait.");

    ImpactReport impact =
        Replay.builder()
            .build()
            .impact(List.of(Path.of("conversations/support/self-harm.yaml")), other);

    // Turns 2 and 3 show the new text; the later turns send it back as history.
    assertThat(impact.changes()).extracting(ImpactReport.Change::turn).startsWith(2, 3);
    assertThat(impact.changes().get(1).what()).hasSize(1);
    assertThat(impact.changes().get(0).what())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("reply \"...")
        .endsWith(
            "Your order can wait; you matter more.\" -> \"...in touch with you. Your order can wait.\"");
  }

  @Test
  void impact_whenAToolRuleChanges_listsTheCallsItNowDecidesOtherwise() {
    Path support = Copies.copy(Path.of("rules/support"), other.resolve("support"));
    Copies.edit(
        support.resolve("patterns/actions.drl"),
        "Var(name == \"days_since_delivery\", number() > 30)",
        "Var(name == \"days_since_delivery\", number() > 60)");

    ImpactReport impact =
        Replay.builder()
            .build()
            .impact(List.of(Path.of("conversations/support/tool-refund-denied.yaml")), other);

    assertThat(impact.changes()).extracting(ImpactReport.Change::turn).containsExactly(1);
    assertThat(impact.changes().get(0).what())
        .contains(
            "tool call 2: refund_order denied by 'No return or refund outside the 30-day window'"
                + " -> refund_order denied by 'Refunds above 100 are for gold customers'");
  }

  @Test
  void impact_whenTheOtherRulesAreTheSame_listsNothing() {
    Copies.copy(Path.of("rules/support"), other.resolve("support"));

    ImpactReport impact = Replay.builder().build().impact(List.of(Path.of("conversations")), other);

    assertThat(impact.changes()).isEmpty();
    assertThat(impact.turns()).isGreaterThanOrEqualTo(300);
  }

  /** Runs both versions turn by turn, independently of the replay package's own runner. */
  private static Set<String> changedTurns(RuleSet before, RuleSet after) {
    Set<String> changed = new TreeSet<>();
    for (Path path : Replay.conversations(List.of(Path.of("conversations")))) {
      ConversationFile file = ConversationFile.read(path);
      List<Step> a = steps(file, before);
      List<Step> b = steps(file, after);
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).equals(b.get(i))) {
          changed.add(path.getFileName() + " turn " + (i + 1));
        }
      }
    }
    return changed;
  }

  private record Step(List<String> constructs, Map<String, String> vars, List<String> requests) {}

  private static List<Step> steps(ConversationFile file, RuleSet ruleSet) {
    Answers model = new Answers();
    Orchestrator orchestrator =
        Orchestrator.builder()
            .ruleSet(ruleSet)
            .model(model)
            .clock(Clock.fixed(file.time(), ZoneOffset.UTC))
            .sleeper(d -> {})
            .ticker(() -> 0L)
            .build();
    List<Step> steps = new ArrayList<>();
    for (ConversationFile.Turn turn : file.turns()) {
      model.script.clear();
      model.script.addAll(turn.answers());
      Trace trace = orchestrator.turn("c", turn.user(), file.attributes()).trace();
      List<String> requests = new ArrayList<>();
      if (trace.request() != null) {
        requests.add(trace.request().sha256());
      }
      trace
          .attempts()
          .forEach(
              at -> {
                if (!requests.contains(at.requestSha256())) {
                  requests.add(at.requestSha256());
                }
              });
      steps.add(new Step(trace.constructs(), orchestrator.conversation("c").vars(), requests));
    }
    return steps;
  }

  /** A hand-written fake: the turn's recorded answers, then dry-run replies. */
  private static final class Answers implements Model {
    final Deque<ConversationFile.Answer> script = new ArrayDeque<>();

    @Override
    public synchronized ModelReply generate(ModelRequest request) {
      ConversationFile.Answer next = script.pollFirst();
      if (next == null) {
        return new DryRunModel().generate(request);
      }
      if (next.error() != null) {
        ModelException.Kind kind =
            ModelException.Kind.valueOf(next.error().toUpperCase().replace('-', '_'));
        throw new ModelException(kind, next.error(), null);
      }
      return ModelReply.of(next.text());
    }
  }
}
