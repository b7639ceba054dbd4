package dev.armature.replay;

import dev.armature.ruleset.RuleSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules fired and constructs applied across the replayed turns of one rule set. */
final class Coverage {
  private final RuleSet ruleSet;
  private final Set<String> fired = new HashSet<>();
  private final Set<String> applied = new HashSet<>();

  Coverage(RuleSet ruleSet) {
    this.ruleSet = ruleSet;
  }

  void add(List<ConversationRun.TurnRun> runs) {
    for (ConversationRun.TurnRun run : runs) {
      if (run.trace() != null) {
        fired.addAll(run.trace().firedRules());
        applied.addAll(run.trace().constructs());
      }
    }
  }

  ReplayReport.Coverage report() {
    List<String> neverFired = new ArrayList<>();
    ruleSet.rules().stream()
        .filter(r -> !fired.contains(r.name()))
        .forEach(r -> neverFired.add(r.name() + " (" + r.file() + ":" + r.line() + ")"));
    List<String> neverApplied =
        ruleSet.constructs().keySet().stream().filter(c -> !applied.contains(c)).toList();
    return new ReplayReport.Coverage(
        ruleSet.name(),
        ruleSet.rules().size(),
        ruleSet.constructs().size(),
        neverFired,
        neverApplied);
  }
}
