package dev.armature.eval;

import dev.armature.ruleset.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Eval} measured: per label precision, recall and support, the confusion between
 * labels, the share of messages with the right constructs and of those with no topic, the worst
 * misses and false alarms, and the thresholds missed.
 *
 * @param confusion for each label, how often each label was seen on its messages ({@code (none)}
 *     when no label was)
 * @param accuracy the share of messages with the right constructs
 * @param noTopic the share of messages that need a topic construct and got none
 * @param misses messages that did not get a label they have, the worst first
 * @param falseAlarms messages that got a label they do not have, the worst first
 * @param failures the thresholds missed, one sentence each; empty when all are met
 * @param warnings mapping entries the rule set cannot satisfy
 */
public record EvalReport(
    String ruleSet,
    String ruleSetVersion,
    List<String> files,
    int messages,
    double messagesPerSecond,
    Map<String, LabelScore> labels,
    Map<String, Map<String, Integer>> confusion,
    double accuracy,
    double noTopic,
    List<Example> misses,
    List<Example> falseAlarms,
    List<String> failures,
    List<String> warnings) {

  /** One label's figures; precision is 1 when the label was never seen. */
  public record LabelScore(int support, int seen, int correct, double precision, double recall) {}

  /**
   * One message shown in the report.
   *
   * @param missed the labels it has and did not get
   * @param falseAlarms the labels it got and does not have
   * @param constructs the constructs applied
   * @param signals the signals detected, with score and evidence
   */
  public record Example(
      String file,
      int line,
      String text,
      List<String> labels,
      List<String> missed,
      List<String> falseAlarms,
      List<String> constructs,
      List<String> signals) {}

  public EvalReport {
    files = List.copyOf(files);
    misses = List.copyOf(misses);
    falseAlarms = List.copyOf(falseAlarms);
    failures = List.copyOf(failures);
    warnings = List.copyOf(warnings);
  }

  /** Whether every declared threshold is met. */
  public boolean passed() {
    return failures.isEmpty();
  }

  static EvalReport of(
      RuleSet ruleSet,
      EvalMapping map,
      List<Path> files,
      List<Outcome> outcomes,
      long nanos,
      int show,
      List<String> warnings) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    map.labels().keySet().forEach(l -> counts.put(l, new int[3]));
    Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
    int right = 0;
    int noTopic = 0;
    int needTopic = 0;
    for (Outcome o : outcomes) {
      right += o.right() ? 1 : 0;
      noTopic += o.noTopic() ? 1 : 0;
      if (o.example().labels().stream()
          .anyMatch(l -> map.targets(l).stream().anyMatch(map.topics()::contains))) {
        needTopic++;
      }
      for (String label : o.example().labels()) {
        counts.get(label)[0]++;
      }
      for (String label : o.seen()) {
        counts.get(label)[1]++;
        if (o.example().labels().contains(label)) {
          counts.get(label)[2]++;
        }
      }
      for (String label : o.example().labels()) {
        Map<String, Integer> row = confusion.computeIfAbsent(label, k -> new TreeMap<>());
        if (o.seen().isEmpty()) {
          row.merge("(none)", 1, Integer::sum);
        }
        o.seen().forEach(s -> row.merge(s, 1, Integer::sum));
      }
    }
    Map<String, LabelScore> labels = new LinkedHashMap<>();
    counts.forEach(
        (label, c) -> {
          if (c[0] > 0 || c[1] > 0) {
            labels.put(
                label,
                new LabelScore(
                    c[0],
                    c[1],
                    c[2],
                    c[1] == 0 ? 1.0 : (double) c[2] / c[1],
                    c[0] == 0 ? 1.0 : (double) c[2] / c[0]));
          }
        });
    double accuracy = outcomes.isEmpty() ? 0 : (double) right / outcomes.size();
    double noTopicShare = needTopic == 0 ? 0 : (double) noTopic / needTopic;
    List<String> failures = failures(map, labels, accuracy, noTopicShare);
    double seconds = Math.max(1e-9, nanos / 1e9);
    return new EvalReport(
        ruleSet.name(),
        ruleSet.version(),
        files.stream().map(Path::toString).toList(),
        outcomes.size(),
        outcomes.size() / seconds,
        labels,
        confusion,
        accuracy,
        noTopicShare,
        worst(outcomes, show, true),
        worst(outcomes, show, false),
        failures,
        warnings);
  }

  private static List<String> failures(
      EvalMapping map, Map<String, LabelScore> labels, double accuracy, double noTopic) {
    List<String> failures = new ArrayList<>();
    if (map.minAccuracy() != null && accuracy < map.minAccuracy()) {
      failures.add(
          String.format(
              "right constructs for %.3f of the messages; %s asks for at least %.3f",
              accuracy, map.file(), map.minAccuracy()));
    }
    if (map.maxNoTopic() != null && noTopic > map.maxNoTopic()) {
      failures.add(
          String.format(
              "no topic for %.3f of the messages that need one; %s allows at most %.3f",
              noTopic, map.file(), map.maxNoTopic()));
    }
    map.thresholds()
        .forEach(
            (label, t) -> {
              LabelScore s = labels.get(label);
              if (s == null) {
                failures.add("label '" + label + "' has thresholds but no message");
                return;
              }
              if (t.precision() != null && s.precision() < t.precision()) {
                failures.add(
                    String.format(
                        "label '%s': precision %.3f is below %.3f",
                        label, s.precision(), t.precision()));
              }
              if (t.recall() != null && s.recall() < t.recall()) {
                failures.add(
                    String.format(
                        "label '%s': recall %.3f is below %.3f", label, s.recall(), t.recall()));
              }
            });
    return failures;
  }

  private static List<Example> worst(List<Outcome> outcomes, int show, boolean misses) {
    return outcomes.stream()
        .filter(o -> !(misses ? o.missed() : o.falseAlarms()).isEmpty())
        .sorted(
            Comparator.comparingInt((Outcome o) -> -(o.missed().size() + o.falseAlarms().size()))
                .thenComparingInt(o -> o.constructs().isEmpty() ? 0 : 1)
                .thenComparingInt(o -> o.example().line()))
        .limit(show)
        .map(EvalReport::example)
        .toList();
  }

  private static Example example(Outcome o) {
    return new Example(
        o.example().file(),
        o.example().line(),
        o.example().text(),
        o.example().labels(),
        o.missed(),
        o.falseAlarms(),
        o.constructs(),
        o.signals());
  }

  /** The report as text for a terminal. */
  public String text() {
    return EvalText.of(this);
  }

  /** The report as one JSON object. */
  public String json() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the eval report does not serialise", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
}
