package dev.armature.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change to a rule or a construct of the support rule set makes the conversations fail, naming
 * the turn and the rule.
 */
class RuleChangeTest {
  @TempDir Path rules;

  private Path support() {
    return Copies.copy(Path.of("rules/support"), rules.resolve("support"));
  }

  @Test
  void replay_whenARuleListensForAnotherSignal_namesTheTurnTheRuleAndTheMissingSignal() {
    Copies.edit(
        support().resolve("patterns/stance.drl"),
        "rule \"Frustrated customers are heard first\"\nsalience 50\nwhen\n    Signal(name == \"frustration\")",
        "rule \"Frustrated customers are heard first\"\nsalience 50\nwhen\n    Signal(name == \"shouting\")");

    ReplayReport report =
        Replay.builder()
            .rules(rules)
            .build()
            .run(List.of(Path.of("conversations/support/frustration-persists.yaml")));

    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .contains(
            "conversations/support/frustration-persists.yaml: ",
            "turn 1 (line 9): construct `de-escalate` expected, not applied; rule `Frustrated customers are heard first` "
                + "(patterns/stance.drl:4) did not fire because no `Signal(shouting)` was detected",
            "turn 1 (line 11): rule `Frustrated customers are heard first` (patterns/stance.drl:4) did not fire because "
                + "no `Signal(shouting)` was detected",
            "turn 1 (line 9): construct `first-contact` applied, not expected (by rule `The first turn introduces what the "
                + "assistant can do`)");
  }

  @Test
  void replay_whenARuleRespondTextChanges_failsTheTurnAndNamesTheRule() {
    Copies.edit(
        support().resolve("patterns/safety.drl"),
        "Your order can wait; you matter more.",
        "Your order can wait.");

    ReplayReport report =
        Replay.builder()
            .rules(rules)
            .build()
            .run(List.of(Path.of("conversations/support/self-harm.yaml")));

    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .contains(
            "turn 2 (line 24): reply expected \"...",
            "Your order can wait; you matter more.\", the user now sees \"...",
            "Your order can wait.\" (Respond of rule `Self-harm gets a fixed, careful answer and no"
                + " model call`)");
  }

  @Test
  void replay_whenARuleIsEditedInTheWholeSet_failsOnlyTheConversationsItTouches() {
    Copies.edit(
        support().resolve("patterns/format.drl"),
        "insert(new Apply(\"stepwise\"));",
        "insert(new Apply(\"concise\"));");

    ReplayReport report =
        Replay.builder().rules(rules).build().run(List.of(Path.of("conversations")));

    assertThat(report.passed()).isFalse();
    assertThat(report.failures())
        .contains(
            "conversations/support/billing-how-to.yaml: ",
            "turn 1 (line 9): construct `stepwise` expected, not applied; no rule of the rule set applies it now",
            "turn 1 (line 9): construct `concise` applied, not expected (by rule `How-to questions get numbered steps`)");
    assertThat(report.files()).filteredOn(ReplayReport.FileResult::passed).isNotEmpty();
  }

  @Test
  void replay_whenAConstructsTextChanges_strictModeNamesEveryTurnThatSendsIt() {
    Copies.edit(
        support().resolve("constructs/stepwise.md"),
        "Answer as numbered steps,",
        "Always answer as numbered steps,");

    ReplayReport lenient =
        Replay.builder()
            .rules(rules)
            .build()
            .run(List.of(Path.of("conversations/support/billing-how-to.yaml")));
    ReplayReport strict =
        Replay.builder()
            .rules(rules)
            .strict()
            .build()
            .run(List.of(Path.of("conversations/support/billing-how-to.yaml")));

    assertThat(lenient.passed()).isTrue();
    assertThat(strict.failures())
        .contains(
            "turn 1 (line ", "request digest expected ", "the request sent to the model changed");
  }
}
