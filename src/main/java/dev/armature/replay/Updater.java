package dev.armature.replay;

import dev.armature.ruleset.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a conversation file up to date with what the rules do now: recorded turns and turns with
 * no expectation get the full picture, hand-written expectations keep their fields with new values,
 * and the model answers become those the rules now ask for (dry-run replies for new calls).
 */
final class Updater {
  private Updater() {}

  static ReplayReport.FileResult update(Path file, RuleSets rules) {
    Replay.Prepared prepared;
    try {
      prepared = Replay.prepare(file, rules);
    } catch (ConversationFileException e) {
      return new ReplayReport.FileResult(file, "", "", 0, List.of(), e.getMessage());
    }
    RuleSet ruleSet = prepared.ruleSet();
    ConversationFile old = prepared.file();
    List<ConversationRun.TurnRun> runs = ConversationRun.run(old, ruleSet);
    Checker checker =
        new Checker(new Explainer(new RuleSource(ruleSet), ruleSet.history().remember()), true);
    List<ReplayReport.Difference> changed = new ArrayList<>();
    List<ConversationFile.Turn> turns = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      ConversationRun.TurnRun run = runs.get(i);
      ConversationFile.Turn turn = run.script();
      if (run.trace() == null) {
        // A turn that fails has nothing to pin: the file is left as it is and the update fails.
        return new ReplayReport.FileResult(
            file,
            old.name(),
            ruleSet.name(),
            runs.size(),
            List.of(),
            file
                + ":"
                + turn.line()
                + ": not updated: turn "
                + run.number()
                + " failed: "
                + run.failure());
      }
      if (turn.expect().isEmpty()) {
        changed.add(new ReplayReport.Difference(run.number(), turn.line(), "expectations written"));
      } else {
        changed.addAll(checker.check(run, runs.subList(0, i)));
      }
      turns.add(updated(turn, run));
    }
    ConversationFile next =
        new ConversationFile(file, old.name(), old.ruleSet(), old.attributes(), old.time(), turns);
    if (next.toYaml().equals(old.toYaml())) {
      changed.clear();
    } else {
      try {
        next.write();
      } catch (java.io.UncheckedIOException e) {
        return new ReplayReport.FileResult(
            file,
            old.name(),
            ruleSet.name(),
            runs.size(),
            List.of(),
            file + ":0: not updated: cannot write the file (" + e.getCause().getMessage() + ")");
      }
      if (changed.isEmpty()) {
        // Rewritten for what is recorded for information (the version, the signals) or the layout.
        changed.add(
            new ReplayReport.Difference(1, 1, "recorded details and layout brought up to date"));
      }
    }
    // Every file reported with differences is a file rewritten: the count is exact.
    return new ReplayReport.FileResult(
        file, old.name(), ruleSet.name(), runs.size(), changed, null);
  }

  private static ConversationFile.Turn updated(
      ConversationFile.Turn turn, ConversationRun.TurnRun run) {
    boolean full = turn.recorded() != null || turn.expect().isEmpty();
    ConversationFile.Expect expect =
        full
            ? Snapshot.expect(run.trace(), run.varsAfter())
            : Snapshot.update(turn.expect(), run.trace(), run.varsAfter());
    ConversationFile.Recorded recorded = full ? Snapshot.recorded(run.trace()) : null;
    return new ConversationFile.Turn(
        turn.line(),
        turn.user(),
        run.given(),
        expect,
        turn.time(),
        recorded,
        run.trace().tools().isEmpty() ? null : RecordedTools.of(run.trace()));
  }
}
