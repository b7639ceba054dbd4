package dev.armature.cli;

import dev.armature.Problem;
import dev.armature.ruleset.RuleSetCheck;
import dev.armature.ruleset.RuleSetLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code armature check}: compile and lint rule sets, for editors and CI. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Compile and lint rule sets without running anything. Problems print as "
            + "file:line:col: message. Exit 0 when clean, 1 on an error (or on a warning with --strict).")
final class CheckCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "DIR",
      arity = "0..*",
      description = "A rule set folder, or a folder of rule sets (default: rules).")
  List<Path> directories = new ArrayList<>();

  @Option(names = "--strict", description = "Fail on warnings too.")
  boolean strict;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    List<Path> ruleSets = new ArrayList<>();
    for (Path dir : directories.isEmpty() ? List.of(Path.of("rules")) : directories) {
      List<Path> found = RuleSetLoader.folders(dir);
      if (found.isEmpty()) {
        out.println(dir + ":0:0: no ruleset.yaml here or in a folder below");
        return 1;
      }
      ruleSets.addAll(found);
    }
    int errors = 0;
    int warnings = 0;
    for (Path dir : ruleSets) {
      RuleSetCheck.Report report = RuleSetCheck.check(dir);
      report.errors().forEach(p -> out.println(located(dir, p, "")));
      report.warnings().forEach(p -> out.println(located(dir, p, "warning: ")));
      errors += report.errors().size();
      warnings += report.warnings().size();
      if (report.ruleSet() != null) {
        out.println(
            dir
                + ": "
                + (report.warnings().isEmpty() ? "ok" : report.warnings().size() + " warning(s)")
                + " (rule set '"
                + report.ruleSet().name()
                + "' version "
                + report.ruleSet().version()
                + ", "
                + report.ruleSet().rules().size()
                + " rules, "
                + report.ruleSet().constructs().size()
                + " constructs, "
                + report.ruleSet().signals().names().size()
                + " signals)");
        report
            .ruleSet()
            .tools()
            .values()
            .forEach(
                t ->
                    out.println(
                        "  tool "
                            + t.name()
                            + " ("
                            + (t.changes() ? "changes" : "reads only")
                            + ", timeout "
                            + t.timeout().toMillis()
                            + " ms): "
                            + t.description()));
      } else {
        out.println(dir + ": " + report.errors().size() + " error(s)");
      }
    }
    return errors > 0 || (strict && warnings > 0) ? 1 : 0;
  }

  private static String located(Path dir, Problem p, String kind) {
    return dir.resolve(p.file()) + ":" + p.line() + ":" + p.column() + ": " + kind + p.message();
  }
}
