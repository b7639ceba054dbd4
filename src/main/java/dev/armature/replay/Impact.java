package dev.armature.replay;

import dev.armature.ruleset.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Runs each conversation under two versions of the rules with the same recorded answers and lists
 * the turns whose kept constructs, variables after the turn, or requests sent differ. Nothing else
 * counts: a reply that changes while the request stays the same is not listed.
 */
final class Impact {
  private Impact() {}

  static ImpactReport run(
      List<Path> files, RuleSets base, RuleSets other, BiConsumer<Integer, Integer> progress) {
    List<ImpactReport.Change> changes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int turns = 0;
    int done = 0;
    for (Path file : files) {
      try {
        Replay.Prepared before = Replay.prepare(file, base);
        RuleSet after = Replay.prepare(file, other).ruleSet();
        List<ConversationRun.TurnRun> a = ConversationRun.run(before.file(), before.ruleSet());
        List<ConversationRun.TurnRun> b = ConversationRun.run(before.file(), after);
        turns += a.size();
        for (int i = 0; i < a.size(); i++) {
          List<String> what = compare(a.get(i), b.get(i));
          if (!what.isEmpty()) {
            changes.add(
                new ImpactReport.Change(
                    file, i + 1, a.get(i).script().line(), a.get(i).script().user(), what));
          }
        }
      } catch (ConversationFileException e) {
        errors.add(e.getMessage());
      }
      progress.accept(++done, files.size());
    }
    return new ImpactReport(changes, errors, files.size(), turns);
  }

  /**
   * What differs between the same turn under the two versions; empty when nothing that counts does.
   */
  static List<String> compare(ConversationRun.TurnRun a, ConversationRun.TurnRun b) {
    List<String> what = new ArrayList<>();
    if (a.trace() == null || b.trace() == null) {
      if (!Objects.equals(a.failure(), b.failure())) {
        what.add("failure " + shown(a.failure()) + " -> " + shown(b.failure()));
      }
      return what;
    }
    if (!Objects.equals(a.trace().reply(), b.trace().reply())) {
      String[] shown = Checker.around(a.trace().reply(), b.trace().reply());
      what.add("reply \"" + shown[0] + "\" -> \"" + shown[1] + "\"");
    }
    if (!a.trace().constructs().equals(b.trace().constructs())) {
      what.add("constructs " + a.trace().constructs() + " -> " + b.trace().constructs());
    }
    TreeSet<String> names = new TreeSet<>(a.varsAfter().keySet());
    names.addAll(b.varsAfter().keySet());
    for (String name : names) {
      String x = a.varsAfter().get(name);
      String y = b.varsAfter().get(name);
      if (!Objects.equals(x, y)) {
        what.add("var " + name + ": " + shown(x) + " -> " + shown(y));
      }
    }
    List<dev.armature.Trace.ToolUse> ta = a.trace().tools();
    List<dev.armature.Trace.ToolUse> tb = b.trace().tools();
    for (int i = 0; i < Math.max(ta.size(), tb.size()); i++) {
      String x = i < ta.size() ? toolCall(ta.get(i)) : "(none)";
      String y = i < tb.size() ? toolCall(tb.get(i)) : "(none)";
      if (!x.equals(y)) {
        what.add("tool call " + (i + 1) + ": " + x + " -> " + y);
      }
    }
    List<String> ra = Snapshot.requests(a.trace());
    List<String> rb = Snapshot.requests(b.trace());
    if (!ra.equals(rb)) {
      what.add("request " + shortened(ra) + " -> " + shortened(rb));
    }
    return what;
  }

  private static String toolCall(dev.armature.Trace.ToolUse use) {
    return use.tool()
        + " "
        + use.outcome()
        + (use.rule() == null ? "" : " by '" + use.rule() + "'");
  }

  private static String shortened(List<String> shas) {
    return shas.isEmpty()
        ? "(none sent)"
        : String.join("+", shas.stream().map(s -> s.substring(0, 12)).toList());
  }

  private static String shown(String value) {
    return value == null ? "(unset)" : value;
  }
}
