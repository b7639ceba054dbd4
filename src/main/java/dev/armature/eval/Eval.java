package dev.armature.eval;

import dev.armature.Orchestrator;
import dev.armature.TurnResult;
import dev.armature.facts.Signal;
import dev.armature.ruleset.RuleSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Measures how well a rule set perceives labelled messages: each message runs as the first turn of
 * a new conversation, offline (the dry-run model, nothing stored), and the constructs it gets are
 * compared with those its labels map to.
 *
 * <p>A message gets a label when one of the label's constructs is applied (or one of its signals
 * detected); a label that maps to nothing is seen when the message gets no topic construct. It is
 * <em>right</em> when it gets every label it has that maps to something, and no topic construct
 * that none of its labels names; a message whose labels map to nothing is right only when it gets
 * no topic construct at all.
 */
public final class Eval {
  /**
   * How to read the messages.
   *
   * @param textColumn the column (CSV) or field (JSON lines) holding the message
   * @param labelColumn the column or field holding its labels, separated by {@code ;}
   * @param show how many misses and false alarms the report lists
   */
  public record Options(String textColumn, String labelColumn, int show) {
    public Options {
      Objects.requireNonNull(textColumn, "textColumn == null");
      Objects.requireNonNull(labelColumn, "labelColumn == null");
      if (show < 0) {
        throw new IllegalArgumentException("show must be >= 0 but was " + show);
      }
    }

    /** Columns {@code text} and {@code label}, ten examples shown. */
    public static final Options DEFAULT = new Options("text", "label", 10);
  }

  private Eval() {}

  /**
   * Runs every message of {@code files} through {@code ruleSet} and compares with {@code mapping}.
   *
   * @param progress told (done, total) every so often; may be a no-op
   * @throws EvalInputException naming the file and line of a message or mapping that cannot be
   *     read, or a label the mapping does not name
   */
  public static EvalReport run(
      RuleSet ruleSet,
      Path mapping,
      List<Path> files,
      Options options,
      BiConsumer<Integer, Integer> progress) {
    EvalMapping map = EvalMapping.read(mapping);
    List<Labelled> examples = new ArrayList<>();
    for (Path file : files) {
      for (Labelled e : LabelledMessages.read(file, options.textColumn(), options.labelColumn())) {
        for (String label : e.labels()) {
          if (!map.labels().containsKey(label)) {
            throw new EvalInputException(
                file
                    + ":"
                    + e.line()
                    + ": label '"
                    + label
                    + "' is not in "
                    + mapping
                    + "; expected one of "
                    + map.labels().keySet());
          }
        }
        examples.add(e);
      }
    }
    Orchestrator orchestrator =
        Orchestrator.builder()
            .ruleSet(ruleSet)
            .store(new NoStore())
            .clock(Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC))
            .sleeper(d -> {})
            .build();
    List<Outcome> outcomes = new ArrayList<>(examples.size());
    long started = System.nanoTime();
    int every = Math.max(1, examples.size() / 100);
    for (int i = 0; i < examples.size(); i++) {
      outcomes.add(
          judge(map, examples.get(i), orchestrator.turn("eval-" + i, examples.get(i).text())));
      if ((i + 1) % every == 0 || i + 1 == examples.size()) {
        progress.accept(i + 1, examples.size());
      }
    }
    long nanos = System.nanoTime() - started;
    return EvalReport.of(
        ruleSet, map, files, outcomes, nanos, options.show(), warnings(ruleSet, map));
  }

  static Outcome judge(EvalMapping map, Labelled example, TurnResult result) {
    List<String> constructs = result.trace().constructs();
    Set<String> got = new HashSet<>(constructs);
    List<String> signals = new ArrayList<>();
    for (Signal s : result.trace().signals()) {
      got.add(EvalMapping.SIGNAL + s.name());
      signals.add(s.name() + " " + s.score() + " " + s.evidence());
    }
    boolean anyTopic = constructs.stream().anyMatch(map.topics()::contains);
    // A label that maps to nothing is seen on a message that gets no topic construct.
    Set<String> seen = new LinkedHashSet<>();
    map.labels()
        .forEach(
            (label, targets) -> {
              if (targets.isEmpty() ? !anyTopic : targets.stream().anyMatch(got::contains)) {
                seen.add(label);
              }
            });
    Set<String> allowed = new HashSet<>();
    boolean needsTopic = false;
    boolean right = true;
    for (String label : example.labels()) {
      List<String> targets = map.targets(label);
      allowed.addAll(targets);
      needsTopic |= targets.stream().anyMatch(map.topics()::contains);
      right &= targets.isEmpty() || seen.contains(label);
    }
    for (String c : constructs) {
      if (map.topics().contains(c)) {
        right &= allowed.contains(c);
      }
    }
    Labelled judged = example;
    if (!needsTopic) {
      // A message none of whose labels needs a topic ("frustration" alone) also has every label
      // that maps to nothing ("none"): getting no topic is what it asks for.
      List<String> labels = new ArrayList<>(example.labels());
      map.labels()
          .forEach(
              (l, targets) -> {
                if (targets.isEmpty() && !labels.contains(l)) {
                  labels.add(l);
                }
              });
      judged = new Labelled(example.file(), example.line(), example.text(), labels);
    }
    return new Outcome(judged, constructs, signals, seen, right, needsTopic && !anyTopic);
  }

  private static List<String> warnings(RuleSet ruleSet, EvalMapping map) {
    List<String> warnings = new ArrayList<>();
    Set<String> signals = new HashSet<>(ruleSet.signals().names());
    map.labels()
        .forEach(
            (label, targets) -> {
              for (String t : targets) {
                boolean signal = t.startsWith(EvalMapping.SIGNAL);
                String name = signal ? t.substring(EvalMapping.SIGNAL.length()) : t;
                if (signal ? !signals.contains(name) : !ruleSet.constructs().containsKey(name)) {
                  warnings.add(
                      "label '"
                          + label
                          + "' names "
                          + (signal ? "signal" : "construct")
                          + " '"
                          + name
                          + "', which rule set '"
                          + ruleSet.name()
                          + "' does not have: it can never be seen");
                }
              }
            });
    return warnings;
  }
}
