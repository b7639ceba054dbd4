package dev.armature.replay;

import dev.armature.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a turn as it ran now with what its conversation file expects, naming each difference and
 * its cause.
 */
final class Checker {
  private final Explainer explainer;
  private final boolean strict;

  Checker(Explainer explainer, boolean strict) {
    this.explainer = explainer;
    this.strict = strict;
  }

  /** Each tool call as recorded against the calls of the turn now, in order. */
  private static void tools(
      ConversationRun.TurnRun run,
      ConversationFile.Turn turn,
      Trace trace,
      List<ReplayReport.Difference> out) {
    List<ConversationFile.ToolRun> expected = turn.tools() == null ? List.of() : turn.tools();
    List<ConversationFile.ToolRun> now = RecordedTools.of(trace);
    for (int i = 0; i < Math.max(expected.size(), now.size()); i++) {
      ConversationFile.ToolRun was = i < expected.size() ? expected.get(i) : null;
      ConversationFile.ToolRun is = i < now.size() ? now.get(i) : null;
      if (Objects.equals(was, is)) {
        continue;
      }
      out.add(
          diff(
              run,
              turn.line(),
              "tool call " + (i + 1) + ": recorded " + describe(was) + ", now " + describe(is)));
    }
  }

  private static String describe(ConversationFile.ToolRun run) {
    if (run == null) {
      return "none";
    }
    return "`"
        + run.tool()
        + " "
        + run.arguments()
        + "` "
        + run.outcome()
        + (run.detail() == null ? "" : " (" + run.detail() + ")");
  }

  List<ReplayReport.Difference> check(
      ConversationRun.TurnRun run, List<ConversationRun.TurnRun> earlier) {
    ConversationFile.Turn turn = run.script();
    ConversationFile.Expect e = turn.expect();
    List<ReplayReport.Difference> out = new ArrayList<>();
    if (run.failure() != null) {
      out.add(diff(run, turn.line(), "the turn failed: " + run.failure()));
      return out;
    }
    Trace trace = run.trace();
    int recorded = turn.answers().size();
    // A hand-written turn without replies lets the dry-run model answer: only recordings count
    // calls.
    boolean counted = recorded > 0 || turn.recorded() != null;
    if (counted && run.calls() != recorded) {
      out.add(
          diff(
              run,
              turn.line(),
              "the rules now call the model "
                  + run.calls()
                  + " time(s) where "
                  + recorded
                  + " answer(s) were recorded"
                  + (run.calls() > recorded ? "; the extra calls got a dry-run reply" : "")));
    }
    if (turn.tools() != null || (counted && !trace.tools().isEmpty())) {
      tools(run, turn, trace, out);
    }
    if (e.outcome() != null && !e.outcome().equals(trace.outcome())) {
      out.add(
          diff(
              run,
              line(e, "outcome", turn),
              "outcome `" + e.outcome() + "` expected, was `" + trace.outcome() + "`"));
    }
    if (e.reply() != null && !e.reply().equals(trace.reply())) {
      String[] shown = around(e.reply(), trace.reply());
      out.add(
          diff(
              run,
              line(e, "reply", turn),
              "reply expected \""
                  + shown[0]
                  + "\", the user now sees \""
                  + shown[1]
                  + "\""
                  + respondedBy(trace)));
    }
    if (e.constructs() != null) {
      constructs(run, earlier, e, out);
    }
    if (e.rules() != null) {
      for (int i = 0; i < e.rules().size(); i++) {
        String rule = e.rules().get(i);
        if (!trace.firedRules().contains(rule)) {
          out.add(
              diff(run, line(e, "rules[" + i + "]", turn), explainer.whyNot(rule, run, earlier)));
        }
      }
    }
    if (e.vars() != null) {
      for (Map.Entry<String, String> v : e.vars().entrySet()) {
        String now = run.varsAfter().get(v.getKey());
        if (!Objects.equals(v.getValue(), now)) {
          out.add(
              diff(
                  run,
                  line(e, "vars", turn),
                  "variable `"
                      + v.getKey()
                      + "` expected "
                      + shown(v.getValue())
                      + ", is "
                      + shown(now)
                      + changedBy(trace, v.getKey())));
        }
      }
    }
    if (strict && e.digest() != null && !e.digest().equals(Snapshot.digest(trace))) {
      String now = Snapshot.digest(trace);
      out.add(
          diff(
              run,
              line(e, "digest", turn),
              "request digest expected "
                  + e.digest().substring(0, 12)
                  + "…, "
                  + (now == null
                      ? "no request was sent"
                      : "was "
                          + now.substring(0, 12)
                          + "…: the request sent to the model changed")));
    }
    return out;
  }

  private void constructs(
      ConversationRun.TurnRun run,
      List<ConversationRun.TurnRun> earlier,
      ConversationFile.Expect e,
      List<ReplayReport.Difference> out) {
    Trace trace = run.trace();
    List<String> actual = trace.constructs();
    int line = line(e, "constructs", run.script());
    for (int i = 0; i < e.constructs().size(); i++) {
      String c = e.constructs().get(i);
      if (actual.contains(c)) {
        continue;
      }
      Trace.Directive dropped =
          trace.directives().stream()
              .filter(d -> d.construct().equals(c) && !d.kept())
              .findFirst()
              .orElse(null);
      String why =
          dropped != null
              ? "dropped: " + dropped.reason() + " (applied by rule `" + dropped.rule() + "`)"
              : "not applied; " + explainer.whyNotApplied(c, run, earlier);
      out.add(
          diff(
              run,
              line(e, "constructs[" + i + "]", run.script()),
              "construct `" + c + "` expected, " + why));
    }
    for (Trace.Directive d : trace.directives()) {
      if (d.kept() && !e.constructs().contains(d.construct())) {
        out.add(
            diff(
                run,
                line,
                "construct `"
                    + d.construct()
                    + "` applied, not expected (by rule `"
                    + d.rule()
                    + "`)"));
      }
    }
    List<String> common = actual.stream().filter(e.constructs()::contains).toList();
    List<String> expectedCommon = e.constructs().stream().filter(actual::contains).toList();
    if (!common.equals(expectedCommon)) {
      out.add(
          diff(
              run,
              line,
              "constructs expected in the order "
                  + e.constructs()
                  + ", applied in the order "
                  + actual));
    }
  }

  private static String changedBy(Trace trace, String name) {
    return trace.variables().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .map(v -> " (set by " + v.by() + ")")
        .orElse("");
  }

  /**
   * Two texts as a report line can show them: from a little before where they first differ, each
   * cut to a length that fits.
   */
  static String[] around(String expected, String actual) {
    String a = expected == null ? "" : expected.replaceAll("\\s+", " ").strip();
    String b = actual == null ? "" : actual.replaceAll("\\s+", " ").strip();
    int same = 0;
    while (same < a.length() && same < b.length() && a.charAt(same) == b.charAt(same)) {
      same++;
    }
    int start = Math.max(0, same - 40);
    int space = a.indexOf(' ', start);
    if (start > 0 && space >= 0 && space < same) {
      start = space + 1;
    }
    return new String[] {cut(a, start), cut(b, start)};
  }

  private static String cut(String text, int start) {
    String rest = text.substring(Math.min(start, text.length()));
    return (start > 0 ? "..." : "") + (rest.length() <= 80 ? rest : rest.substring(0, 77) + "...");
  }

  /** Long texts cut at a length a report line can show. */
  static String abbreviated(String text) {
    String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }

  private static String respondedBy(Trace trace) {
    return trace.decisions().stream()
        .filter(d -> d.decision() instanceof dev.armature.facts.Respond)
        .map(d -> " (Respond of rule `" + d.rule() + "`)")
        .findFirst()
        .orElse("");
  }

  private static String shown(String value) {
    return value == null ? "unset" : "'" + value + "'";
  }

  private static int line(ConversationFile.Expect e, String field, ConversationFile.Turn turn) {
    return e.lines()
        .getOrDefault(
            field, e.lines().getOrDefault(field.replaceFirst("\\[\\d+]$", ""), turn.line()));
  }

  private static ReplayReport.Difference diff(
      ConversationRun.TurnRun run, int line, String message) {
    return new ReplayReport.Difference(run.number(), line, message);
  }
}
