package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.LiveRuleSet;
import dev.armature.ruleset.RuleSetEvent;
import dev.armature.testing.BrokenEdits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edit that checks clean but changes what a gate conversation pins is refused live, naming the
 * conversation, the turn and the change; a later edit that keeps the gate green goes through.
 */
class GateTest {
  private static final String SELF_HARM = "Honestly I've been thinking about ending my life";

  @TempDir Path tmp;

  private final List<RuleSetEvent> events = new ArrayList<>();

  private LiveRuleSet live(Path dir) {
    LiveRuleSet live = LiveRuleSet.load(dir, Clock.systemUTC());
    live.addListener(events::add);
    return live;
  }

  private static RuleSetEvent.Rejected rejected(RuleSetEvent event) {
    assertThat(event).isInstanceOf(RuleSetEvent.Rejected.class);
    return (RuleSetEvent.Rejected) event;
  }

  @Test
  void reload_whenARespondTextChanges_isRefusedNamingTheConversationAndTurn() {
    Path dir = BrokenEdits.copy(tmp);
    try (LiveRuleSet live = live(dir);
        Orchestrator orchestrator = Orchestrator.builder().liveRules(live).build()) {
      String before = orchestrator.turn("a", SELF_HARM).reply();
      BrokenEdits.replaceOnce(
          dir.resolve("patterns/safety.drl"),
          "Your order can wait; you matter more.",
          "Your order can wait.");

      RuleSetEvent.Rejected event = rejected(live.reload());

      assertThat(event.problems())
          .anySatisfy(
              p ->
                  assertThat(p.toString())
                      .startsWith(
                          "conversations/support/self-harm.yaml:22:1: gate: conversation 'self-harm gets a careful answer without the model',"
                              + " turn 2 (\"Honestly I've been thinking about ending my life\")"
                              + " changed: reply expected \"...")
                      .contains(
                          "Your order can wait; you matter more.\", the user now sees \"...",
                          "Your order can wait.\" (Respond of rule `Self-harm gets a fixed, careful"
                              + " answer and no model call`)"));
      assertThat(live.status().lastError()).isEqualTo(event.problems());
      assertThat(orchestrator.turn("b", SELF_HARM).reply()).isEqualTo(before);
    }
  }

  @Test
  void reload_whenAConstructChoiceChanges_isRefused() {
    Path dir = BrokenEdits.copy(tmp);
    try (LiveRuleSet live = live(dir)) {
      BrokenEdits.replaceOnce(
          dir.resolve("patterns/stance.drl"),
          "    Signal(name == \"frustration\")\nthen\n    insert(new Apply(\"de-escalate\"));",
          "    Signal(name == \"frustration\")\nthen\n    insert(new Apply(\"clarify\"));");

      RuleSetEvent.Rejected event = rejected(live.reload());

      assertThat(event.problems())
          .anySatisfy(
              p ->
                  assertThat(p.toString())
                      .startsWith("conversations/support/frustration-persists.yaml:")
                      .contains(
                          "gate: conversation 'frustration that persists is offered a person', turn 1",
                          "changed: construct `de-escalate` expected, not applied"));
      assertThat(live.status().reloads()).isZero();
    }
  }

  @Test
  void reload_whenAVariableChanges_isRefused_andAFixingEditGoesThrough() throws Exception {
    Path dir = BrokenEdits.copy(tmp);
    try (LiveRuleSet live = live(dir)) {
      String serving = live.current().version();
      Path stage = dir.resolve("patterns/stage.drl");
      String good = Files.readString(stage);
      BrokenEdits.replaceOnce(
          stage,
          "insert(new SetVar(\"stage\", \"handoff\"));",
          "insert(new SetVar(\"stage\", \"escalated\"));");

      RuleSetEvent.Rejected event = rejected(live.reload());
      assertThat(event.serving()).isEqualTo(serving);
      assertThat(event.problems())
          .anySatisfy(
              p ->
                  assertThat(p.message())
                      .contains("variable `stage` expected 'handoff', is 'escalated'"));
      assertThat(live.current().version()).isEqualTo(serving);

      Files.writeString(stage, good + "\n// Stages as the gate conversations pin them.\n");
      RuleSetEvent swapped = live.reload();

      assertThat(swapped).isInstanceOf(RuleSetEvent.Swapped.class);
      assertThat(((RuleSetEvent.Swapped) swapped).gateNanos()).isPositive();
      assertThat(live.current().version()).isNotEqualTo(serving);
      assertThat(live.status().lastError()).isEmpty();
      assertThat(live.status().reloads()).isEqualTo(1);
      assertThat(events).hasSize(2);
    }
  }

  @Test
  void reload_whenTheServingBytesAreSavedAgain_isNoReload() throws Exception {
    Path dir = BrokenEdits.copy(tmp);
    try (LiveRuleSet live = live(dir)) {
      Path file = dir.resolve("patterns/format.drl");
      Files.writeString(file, Files.readString(file));

      assertThat(live.reload()).isNull();
      assertThat(live.status().reloads()).isZero();
      assertThat(events).isEmpty();
    }
  }
}
