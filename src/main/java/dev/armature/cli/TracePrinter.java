package dev.armature.cli;

import dev.armature.Trace;
import dev.armature.facts.Signal;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints a turn's trace the way a person reads it in a terminal. */
final class TracePrinter {
  private final PrintStream out;

  TracePrinter(PrintStream out) {
    this.out = out;
  }

  void print(Trace trace) {
    List<String> signals = new ArrayList<>();
    for (Signal s : trace.signals()) {
      signals.add(s.name() + " " + s.score() + " " + s.evidence());
    }
    line("signals", signals.isEmpty() ? "none" : String.join(" · ", signals));
    List<String> rules = new ArrayList<>();
    for (Trace.FiredRule r : trace.rules()) {
      rules.add(
          r.order() + ". " + r.rule() + (r.phase().equals("decide") ? "" : " (" + r.phase() + ")"));
    }
    line("rules", rules.isEmpty() ? "none fired" : String.join("\n" + " ".repeat(13), rules));
    List<String> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (Trace.Directive d : trace.directives()) {
      if (d.kept()) {
        kept.add(d.construct());
      } else {
        dropped.add(d.construct() + " (" + d.reason() + ")");
      }
    }
    line(
        "directives",
        (kept.isEmpty() ? "none" : String.join(", ", kept))
            + (dropped.isEmpty() ? "" : "; dropped: " + String.join(", ", dropped)));
    for (Trace.VarChange v : trace.variables()) {
      line(
          "variable",
          v.name()
              + ": "
              + (v.before() == null ? "-" : v.before())
              + " -> "
              + (v.after() == null ? "(cleared)" : v.after())
              + " by "
              + v.by());
    }
    for (Trace.ToolUse t : trace.tools()) {
      line(
          "tool",
          t.tool()
              + " "
              + t.arguments()
              + " -> "
              + t.outcome()
              + (t.rule() == null ? "" : " by '" + t.rule() + "'")
              + (t.detail() == null ? "" : ": " + t.detail())
              + (t.nanos() > 0 ? " (" + t.nanos() / 1_000_000 + " ms)" : ""));
    }
    if (!trace.outcome().equals("generated")) {
      line("outcome", trace.outcome());
    }
    for (String warning : trace.warnings()) {
      line("warning", warning);
    }
    out.println("armature> " + trace.reply());
  }

  private void line(String label, String text) {
    out.printf("  %-10s %s%n", label, text);
  }
}
