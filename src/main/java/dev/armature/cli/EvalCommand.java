package dev.armature.cli;

import dev.armature.RuleSetException;
import dev.armature.eval.Eval;
import dev.armature.eval.EvalInputException;
import dev.armature.eval.EvalReport;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code armature eval}: how well a rule set perceives labelled messages. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Run labelled messages through a rule set, each as the first turn of a new conversation "
            + "(offline, nothing stored), and report per label precision, recall and support, the "
            + "confusion between labels, the worst misses and false alarms. Exit 0 when every "
            + "threshold of the mapping is met, 1 when one is missed, 2 on bad input.")
final class EvalCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Labelled messages: CSV with a header, or JSON lines (.jsonl).")
  List<Path> files;

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      defaultValue = "rules/support",
      description = "The rule set folder (default: rules/support).")
  Path rules;

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description = "Labels to constructs and thresholds (default: eval.yaml in the rule set).")
  Path mapping;

  @Option(
      names = "--text-column",
      defaultValue = "text",
      description = "The column or field holding the message (default: text).")
  String textColumn;

  @Option(
      names = "--label-column",
      defaultValue = "label",
      description = "The column or field holding its labels, separated by ';' (default: label).")
  String labelColumn;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: text).")
  String format;

  @Option(
      names = "--show",
      defaultValue = "10",
      description = "How many misses and false alarms to list (default: 10).")
  int show;

  @Option(
      names = "--progress",
      description = "Show a progress bar even when stderr is not a terminal.")
  boolean progress;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      System.err.println("--format must be text or json but was '" + format + "'");
      return 2;
    }
    if (show < 0) {
      System.err.println("--show must be 0 or more but was " + show);
      return 2;
    }
    Path map = mapping == null ? rules.resolve("eval.yaml") : mapping;
    for (Path p : concat(files, map)) {
      if (!Files.isRegularFile(p)) {
        System.err.println(p + ": no such file");
        return 2;
      }
    }
    EvalReport report;
    ReplayCommand.ProgressBar bar =
        new ReplayCommand.ProgressBar(System.err, progress || System.console() != null, "messages");
    try {
      RuleSet ruleSet = RuleSetLoader.load(rules);
      report = Eval.run(ruleSet, map, files, new Eval.Options(textColumn, labelColumn, show), bar);
    } catch (RuleSetException | EvalInputException e) {
      bar.clear();
      System.err.println(e.getMessage());
      return 2;
    }
    bar.clear();
    System.out.print(format.equals("json") ? report.json() : report.text());
    return report.passed() ? 0 : 1;
  }

  private static List<Path> concat(List<Path> files, Path map) {
    List<Path> all = new java.util.ArrayList<>(files);
    all.add(map);
    return all;
  }
}
