package dev.armature.replay;

import dev.armature.Problem;
import dev.armature.ruleset.GatePath;
import dev.armature.ruleset.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule set's gate: the recorded conversations its {@code gate:} names, replayed on a new version
 * before it may serve. Each turn that now does something else than its file pins (constructs,
 * rules, variables, outcome, a rule's reply) is a problem at that turn's line, naming the
 * conversation, the turn and how it changed.
 */
public final class Gate {
  private Gate() {}

  /** The problems of the gate on {@code candidate}; empty when every conversation replays. */
  public static List<Problem> check(RuleSet candidate) {
    List<Problem> problems = new ArrayList<>();
    for (GatePath entry : candidate.gate()) {
      for (Path file : Replay.conversations(List.of(entry.path()))) {
        problems.addAll(replay(entry.display(file), file, candidate));
      }
    }
    return problems;
  }

  private static List<Problem> replay(String shown, Path file, RuleSet candidate) {
    ConversationFile conversation;
    try {
      conversation = ConversationFile.read(file);
    } catch (ConversationFileException e) {
      String message = e.getMessage();
      String withoutFile = message.substring(message.indexOf(": ") + 2);
      return List.of(new Problem(shown, e.line(), 1, "gate: " + withoutFile));
    }
    String folder = candidate.directory().getFileName().toString();
    if (!conversation.ruleSet().equals(candidate.name())
        && !conversation.ruleSet().equals(folder)) {
      return List.of(
          new Problem(
              shown,
              1,
              1,
              "gate: conversation '"
                  + conversation.name()
                  + "' is for rule set '"
                  + conversation.ruleSet()
                  + "', not '"
                  + candidate.name()
                  + "'; a gate names this rule set's conversations only"));
    }
    List<ConversationRun.TurnRun> runs = ConversationRun.run(conversation, candidate);
    Checker checker =
        new Checker(
            new Explainer(new RuleSource(candidate), candidate.history().remember()), false);
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      for (ReplayReport.Difference d : checker.check(runs.get(i), runs.subList(0, i))) {
        problems.add(
            new Problem(
                shown,
                d.line(),
                1,
                "gate: conversation '"
                    + conversation.name()
                    + "', turn "
                    + d.turn()
                    + " (\""
                    + abbreviated(runs.get(i).script().user())
                    + "\") changed: "
                    + d.message()));
      }
    }
    return problems;
  }

  private static String abbreviated(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
