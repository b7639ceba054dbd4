package dev.armature.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Writes a rule set of {@code n} rules of realistic shape to a folder: 40 lexicon signals built
 * from the words of {@link Messages}, an order-number capture, 30 constructs in four sections, and
 * rules that join a signal with directive history ({@code Applied}), signal history ({@code Seen}),
 * variables ({@code Var}) and caller attributes, in four shapes that cycle:
 *
 * <ol>
 *   <li>{@code Signal} alone, then {@code Apply};
 *   <li>{@code Signal} and {@code Applied(turnsAgo <= 2)}, then {@code Apply};
 *   <li>{@code Signal}, {@code Seen(turnsAgo <= 3)} and {@code Var}, then {@code Apply} and {@code SetVar};
 *   <li>{@code Signal}, {@code Applied}, {@code Var} and {@code Attribute(tier == gold)}, then {@code Apply}
 *       and a {@code Param}.
 * </ol>
 *
 * <p>One rule in 25 instead sets a variable on the first turn and on every question, so that
 * {@code Var} facts exist for the joins.
 */
final class GeneratedRuleSet {
  static final int SIGNALS = 40;
  static final int CONSTRUCTS = 30;
  static final int VARS = 10;
  private static final String[] SECTIONS = {"safety", "stance", "task", "format"};

  private GeneratedRuleSet() {}

  /** Writes the rule set into a new temporary folder and returns it. */
  static Path write(int rules) {
    try {
      Path dir = Files.createTempDirectory("armature-bench-" + rules + "-");
      Files.createDirectories(dir.resolve("patterns"));
      Files.createDirectories(dir.resolve("constructs"));
      Files.writeString(dir.resolve("ruleset.yaml"), yaml(rules));
      for (int c = 0; c < CONSTRUCTS; c++) {
        Files.writeString(dir.resolve("constructs/c" + c + ".md"), construct(c));
      }
      // Several files, as an author would split them: 100 rules per file.
      for (int from = 0; from < rules; from += 100) {
        StringBuilder drl = new StringBuilder();
        for (int i = from; i < Math.min(rules, from + 100); i++) {
          drl.append(rule(i));
        }
        Files.writeString(dir.resolve("patterns/p" + (from / 100) + ".drl"), drl.toString());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write generated rule set of " + rules + " rules", e);
    }
  }

  static String yaml(int rules) {
    StringBuilder y = new StringBuilder();
    y.append("name: generated-").append(rules).append('\n');
    y.append("description: A generated rule set of ").append(rules).append(" rules for benchmarks.\n");
    y.append("frame: |\n  You answer customers of an online shop. Follow the instructions below.\n");
    y.append("sections: [safety, stance, task, format]\n");
    y.append("model:\n  temperature: 0.4\n  max_tokens: 300\n");
    y.append("history:\n  max_tokens: 1000\n  max_turns: 4\n  remember: 4\n");
    y.append("limits:\n  max_firings: 2000\n");
    y.append("signals:\n");
    y.append("  order-number:\n    pattern: '(?:\\border\\s*(?:number\\s*)?(?:is\\s*)?#?\\s*|#)(?<number>\\d{4,10})\\b'\n");
    y.append("    capture: { number: v0 }\n    requires: [order, '#']\n");
    // Pattern signals list the words they need, as docs/ruleset.md advises and rules/support does.
    y.append("  card-number:\n    pattern: '\\b(?:\\d[ -]?){12,18}\\d\\b'\n    redact: true\n");
    y.append("    requires: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']\n");
    y.append("  question:\n    structural: question\n");
    y.append("  repeated:\n    structural: repeated\n");
    List<String> words = vocabulary();
    for (int s = 0; s < SIGNALS; s++) {
      y.append("  s").append(s).append(":\n    phrases:\n");
      for (int k = 0; k < 3; k++) {
        String word = words.get((s * 3 + k) % words.size());
        y.append("      \"").append(word).append("\": ").append(String.format(Locale.ROOT, "%.1f", 0.4 + 0.2 * k)).append('\n');
      }
    }
    return y.toString();
  }

  /** Distinct words of four letters or more from the benchmark messages, in a fixed order. */
  static List<String> vocabulary() {
    TreeSet<String> words = new TreeSet<>();
    for (String text : Messages.TEXTS) {
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (w.length() >= 4) {
          words.add(w);
        }
      }
    }
    // Interleave so that each signal's three words come from different parts of the alphabet.
    List<String> sorted = new ArrayList<>(words);
    List<String> mixed = new ArrayList<>();
    for (int stride = 0; stride < 7; stride++) {
      for (int i = stride; i < sorted.size(); i += 7) {
        mixed.add(sorted.get(i));
      }
    }
    return mixed;
  }

  static String construct(int c) {
    String section = SECTIONS[c % SECTIONS.length];
    StringBuilder md = new StringBuilder("---\n");
    md.append("outcome: generated outcome number ").append(c).append('\n');
    md.append("tension: speed against care, variant ").append(c).append('\n');
    md.append("section: ").append(section).append('\n');
    md.append("priority: ").append(10 + (c * 37) % 90).append('\n');
    if (c % 10 == 9) {
      md.append("excludes: [c").append(c - 1).append("]\n");
    }
    if (c % 6 == 0) {
      md.append("params: { temperature: 0.").append(c % 9 + 1).append(" }\n");
    }
    md.append("---\n");
    md.append("Instruction block ").append(c).append(": keep the answer on the customer's issue, name the ")
        .append("single next step, and do not promise what the shop cannot check.");
    if (c % 3 == 0) {
      md.append(" Known value: {{var.v").append(c % VARS).append("|none}}.");
    }
    md.append('\n');
    return md.toString();
  }

  static String rule(int i) {
    String signal = "s" + (i % SIGNALS);
    String apply = "c" + (i % CONSTRUCTS);
    String history = "c" + ((i * 7 + 3) % CONSTRUCTS);
    String seen = "s" + ((i * 11 + 5) % SIGNALS);
    String var = "v" + (i % VARS);
    StringBuilder r = new StringBuilder();
    if (i % 25 == 24) {
      // One rule in 25 brings variables into being: on the first turn and on every question.
      return r.append("rule \"generated rule ").append(i).append("\"\nwhen\n")
          .append("    Turn(number == 1) or Signal(name == \"question\")\n")
          .append("then\n    insert(new SetVar(\"").append(var).append("\", \"set\"));\nend\n\n").toString();
    }
    r.append("rule \"generated rule ").append(i).append("\"\nwhen\n");
    r.append("    Signal(name == \"").append(signal).append("\", score >= 0.3)\n");
    switch (i % 4) {
      case 0:
        r.append("then\n    insert(new Apply(\"").append(apply).append("\"));\n");
        break;
      case 1:
        r.append("    Applied(construct == \"").append(history).append("\", turnsAgo <= 2)\n");
        r.append("then\n    insert(new Apply(\"").append(apply).append("\"));\n");
        break;
      case 2:
        r.append("    Seen(signal == \"").append(seen).append("\", turnsAgo <= 3)\n");
        r.append("    Var(name == \"").append(var).append("\")\n");
        r.append("then\n    insert(new Apply(\"").append(apply).append("\"));\n");
        r.append("    insert(new SetVar(\"v").append((i + 1) % VARS).append("\", \"").append(signal).append("\"));\n");
        break;
      default:
        r.append("    Applied(construct == \"").append(history).append("\", turnsAgo <= 2)\n");
        r.append("    Var(name == \"").append(var).append("\")\n");
        r.append("    Attribute(name == \"tier\", value == \"gold\")\n");
        r.append("then\n    insert(new Apply(\"").append(apply).append("\"));\n");
        r.append("    insert(new Param(\"max_tokens\", ").append(200 + i % 5 * 20).append("));\n");
        break;
    }
    r.append("end\n\n");
    return r.toString();
  }
}
