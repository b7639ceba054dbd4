package dev.armature.replay;

import dev.armature.Trace;
import dev.armature.facts.Apply;
import dev.armature.facts.ClearVar;
import dev.armature.facts.Decision;
import dev.armature.facts.SetVar;
import dev.armature.facts.Signal;
import dev.armature.facts.Suppress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Says why a rule did not fire in a turn, in the rule author's terms: the patterns of its {@code
 * when} part that the turn's facts clearly did not satisfy ("no `Signal(frustration)` was
 * detected"). Best effort: signals, history, variables, attributes, the turn and other rules'
 * decisions are checked; a condition it cannot judge is quoted instead.
 */
final class Explainer {
  private final RuleSource source;
  private final int remember;

  Explainer(RuleSource source, int remember) {
    this.source = source;
    this.remember = remember;
  }

  /** "rule `R` (file:line) did not fire because ...". */
  String whyNot(
      String ruleName, ConversationRun.TurnRun run, List<ConversationRun.TurnRun> earlier) {
    RuleSource.Rule rule = source.rule(ruleName);
    if (rule == null) {
      return "the rule set has no rule `" + ruleName + "`";
    }
    String head = "rule `" + ruleName + "` (" + rule.where() + ") did not fire";
    if (run.trace() == null) {
      return head + " because the turn failed";
    }
    if (!rule.phase().equals("decide") && run.trace().request() == null) {
      return head
          + " because the model was not called, so the "
          + rule.phase()
          + " rules did not run";
    }
    List<String> reasons = new ArrayList<>();
    View view = new View(run, earlier, remember);
    for (RuleSource.Condition c : rule.when()) {
      String reason = view.unmet(c);
      if (reason != null) {
        reasons.add(reason);
      }
    }
    if (reasons.isEmpty() && rule.group() != null) {
      for (Trace.FiredRule fired : run.trace().rules()) {
        RuleSource.Rule other = source.rule(fired.rule());
        if (other != null && rule.group().equals(other.group())) {
          reasons.add(
              "rule `"
                  + other.name()
                  + "` of its activation group \""
                  + rule.group()
                  + "\" fired instead");
        }
      }
    }
    if (reasons.isEmpty()) {
      List<String> all = rule.when().stream().map(RuleSource.Condition::text).toList();
      return head + "; its conditions did not all hold: " + String.join("; ", all);
    }
    return head + " because " + String.join(" and ", reasons);
  }

  /** Why a construct was not applied: the rules that apply it, and why each did not fire. */
  String whyNotApplied(
      String construct, ConversationRun.TurnRun run, List<ConversationRun.TurnRun> earlier) {
    List<RuleSource.Rule> rules = source.applying(construct);
    if (rules.isEmpty()) {
      return "no rule of the rule set applies it now";
    }
    List<String> reasons = new ArrayList<>();
    for (RuleSource.Rule rule : rules) {
      reasons.add(whyNot(rule.name(), run, earlier));
    }
    return String.join("; ", reasons);
  }

  /** The facts of one turn, as far as the trace and the turns before it tell. */
  private static final class View {
    private final ConversationRun.TurnRun run;
    private final List<Trace> history = new ArrayList<>();
    private final Map<String, String> vars;

    View(ConversationRun.TurnRun run, List<ConversationRun.TurnRun> earlier, int remember) {
      this.run = run;
      for (int i = earlier.size() - 1; i >= 0 && history.size() < remember; i--) {
        if (earlier.get(i).trace() != null) {
          history.add(earlier.get(i).trace());
        }
      }
      this.vars = new TreeMap<>(run.varsBefore());
      run.trace().variables().stream()
          .filter(v -> v.by().startsWith("signal"))
          .forEach(v -> vars.put(v.name(), v.after()));
    }

    /** Why this condition clearly did not hold, or {@code null}. */
    String unmet(RuleSource.Condition c) {
      String found;
      switch (c.type()) {
        case "Signal":
          found = signal(c);
          break;
        case "Seen":
          found = history(c, "signal");
          break;
        case "Applied":
          found = history(c, "construct");
          break;
        case "Var":
          found = pair(c, vars, "Var");
          break;
        case "Attribute":
          found = pair(c, run.trace().input().attributes(), "Attribute");
          break;
        case "Turn":
          found = turn(c);
          break;
        case "Apply":
        case "Suppress":
        case "SetVar":
        case "ClearVar":
          found = decision(c);
          break;
        default:
          return null;
      }
      return found;
    }

    private String signal(RuleSource.Condition c) {
      List<String> names = Constraints.values(c.constraints(), "name");
      List<Signal> detected =
          run.trace().signals().stream()
              .filter(s -> names.isEmpty() || names.contains(s.name()))
              .toList();
      Constraints.Compare score = Constraints.compare(c.constraints(), "score");
      List<Signal> matching =
          detected.stream().filter(s -> score == null || score.test(s.score())).toList();
      if (c.negated()) {
        return matching.isEmpty()
            ? null
            : "`Signal("
                + matching.get(0).name()
                + ")` was detected, and the rule needs `"
                + c.text()
                + "`";
      }
      if (names.isEmpty()) {
        return null;
      }
      if (detected.isEmpty()) {
        return (names.size() == 1 ? "no " : "none of ")
            + Constraints.either("Signal", names)
            + " was detected";
      }
      if (matching.isEmpty()) {
        return "`Signal("
            + detected.get(0).name()
            + ")` was detected with score "
            + detected.get(0).score()
            + ", and the rule needs score "
            + score;
      }
      return null;
    }

    private String history(RuleSource.Condition c, String field) {
      List<String> names = Constraints.values(c.constraints(), field);
      Constraints.Compare ago = Constraints.compare(c.constraints(), "turnsAgo");
      int at = -1;
      if (ago != null && ago.test(0) && field.equals("construct")) {
        at = run.trace().constructs().stream().anyMatch(names::contains) ? 0 : -1;
      }
      for (int k = 1; at < 0 && k <= history.size(); k++) {
        Trace t = history.get(k - 1);
        List<String> there =
            field.equals("signal")
                ? t.signals().stream().map(Signal::name).toList()
                : t.constructs();
        if ((ago == null || ago.test(k))
            && (names.isEmpty() || there.stream().anyMatch(names::contains))) {
          at = k;
        }
      }
      String what =
          c.type()
              + "("
              + String.join(" or ", names)
              + (ago == null ? "" : ", turnsAgo " + ago)
              + ")";
      if (c.negated()) {
        return at < 0
            ? null
            : "`"
                + what
                + "` held ("
                + (at == 0 ? "this turn" : at + " turn(s) ago")
                + "), and the rule needs it absent";
      }
      return at >= 0 || names.isEmpty()
          ? null
          : "there was no `"
              + what
              + "`: no "
              + (field.equals("signal")
                  ? "earlier turn in range detected it"
                  : "turn in range applied it");
    }

    private String pair(RuleSource.Condition c, Map<String, String> values, String type) {
      List<String> names = Constraints.values(c.constraints(), "name");
      List<String> wanted = Constraints.values(c.constraints(), "value");
      if (names.size() != 1) {
        return null;
      }
      String name = names.get(0);
      String value = values.get(name);
      boolean holds = value != null && (wanted.isEmpty() || wanted.contains(value));
      if (c.negated()) {
        return holds
            ? "`"
                + type
                + "("
                + name
                + ")` was '"
                + value
                + "', and the rule needs `"
                + c.text()
                + "`"
            : null;
      }
      if (value == null) {
        return "no `" + type + "(" + name + ")` was " + (type.equals("Var") ? "set" : "given");
      }
      return holds
          ? null
          : "`" + type + "(" + name + ")` was '" + value + "', not " + String.join(" or ", wanted);
    }

    private String turn(RuleSource.Condition c) {
      Trace t = run.trace();
      Constraints.Compare number = Constraints.compare(c.constraints(), "number");
      List<String> channels = Constraints.values(c.constraints(), "channel");
      String channel = t.input().attributes().getOrDefault("channel", "default");
      boolean holds =
          (number == null || number.test(t.turn()))
              && (channels.isEmpty() || channels.contains(channel));
      return holds == c.negated()
          ? "the turn (number "
              + t.turn()
              + ", channel "
              + channel
              + ") did not match `"
              + c.text()
              + "`"
          : null;
    }

    private String decision(RuleSource.Condition c) {
      String field = c.type().endsWith("Var") ? "name" : "construct";
      List<String> names = Constraints.values(c.constraints(), field);
      Trace.Decided made =
          run.trace().decisions().stream()
              .filter(d -> d.phase().equals("decide"))
              .filter(d -> names.isEmpty() || names.contains(key(d.decision())))
              .filter(d -> sameType(d.decision(), c.type()))
              .findFirst()
              .orElse(null);
      if (c.negated()) {
        return made == null
            ? null
            : "rule `"
                + made.rule()
                + "` inserted `"
                + c.type()
                + "("
                + key(made.decision())
                + ")`, and the rule needs `"
                + c.text()
                + "`";
      }
      return made != null || names.isEmpty()
          ? null
          : "no rule inserted " + Constraints.either(c.type(), names);
    }

    private static boolean sameType(Decision d, String type) {
      return d.getClass().getSimpleName().equals(type);
    }

    private static String key(Decision d) {
      if (d instanceof Apply) {
        return ((Apply) d).construct();
      }
      if (d instanceof Suppress) {
        return ((Suppress) d).construct();
      }
      if (d instanceof SetVar) {
        return ((SetVar) d).name();
      }
      return d instanceof ClearVar ? ((ClearVar) d).name() : Objects.toString(d);
    }
  }
}
