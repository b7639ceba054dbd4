package dev.armature.eval;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link EvalReport} as text for a terminal. */
final class EvalText {
  private EvalText() {}

  static String of(EvalReport r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "rule set '%s' (%s) on %s: %d messages, %.0f messages/s%n%n",
            r.ruleSet(),
            r.ruleSetVersion(),
            String.join(", ", r.files()),
            r.messages(),
            r.messagesPerSecond()));
    int width = Math.max(5, r.labels().keySet().stream().mapToInt(String::length).max().orElse(5));
    out.append(String.format("%-" + width + "s  support   seen  precision  recall%n", "label"));
    r.labels()
        .forEach(
            (label, s) ->
                out.append(
                    String.format(
                        "%-" + width + "s  %7d  %5d  %9.3f  %6.3f%n",
                        label,
                        s.support(),
                        s.seen(),
                        s.precision(),
                        s.recall())));
    out.append(
        String.format(
            "%nright constructs: %.1f%% of the messages; no topic: %.1f%% of those that need one%n",
            100 * r.accuracy(), 100 * r.noTopic()));
    out.append("\nconfusion (label: what its messages got)\n");
    r.confusion()
        .forEach(
            (label, row) -> {
              out.append("  ").append(label).append(": ");
              out.append(
                  row.entrySet().stream()
                      .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                      .map(e -> e.getKey() + " " + e.getValue())
                      .collect(Collectors.joining(", ")));
              out.append('\n');
            });
    examples(out, "worst misses", r.misses());
    examples(out, "worst false alarms", r.falseAlarms());
    r.warnings().forEach(w -> out.append("warning: ").append(w).append('\n'));
    if (r.failures().isEmpty()) {
      out.append("\nthresholds: all met\n");
    } else {
      out.append("\nthresholds missed:\n");
      r.failures().forEach(f -> out.append("  ").append(f).append('\n'));
    }
    return out.toString();
  }

  private static void examples(StringBuilder out, String title, List<EvalReport.Example> list) {
    if (list.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append('\n');
    for (EvalReport.Example e : list) {
      out.append("  ").append(e.file()).append(':').append(e.line()).append("  ");
      out.append(String.join(";", e.labels()));
      if (!e.missed().isEmpty()) {
        out.append("  missed ").append(e.missed());
      }
      if (!e.falseAlarms().isEmpty()) {
        out.append("  also ").append(e.falseAlarms());
      }
      out.append("\n    \"").append(oneLine(e.text())).append("\"\n");
      out.append("    constructs ").append(e.constructs()).append('\n');
      out.append("    signals ").append(e.signals()).append('\n');
    }
  }

  private static String oneLine(String text) {
    String s = text.replaceAll("\\s+", " ").strip();
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }
}
