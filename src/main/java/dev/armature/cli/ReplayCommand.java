package dev.armature.cli;

import dev.armature.replay.ImpactReport;
import dev.armature.replay.Replay;
import dev.armature.replay.ReplayReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code armature replay}: recorded conversations replayed offline, turn by turn. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Replay recorded conversations offline with their recorded model replies and report, per turn, "
            + "every difference from what they expect. Exit 0 when all match, 1 on any difference or broken file.")
final class ReplayCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Conversation files, or folders of them (default: conversations).")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      defaultValue = "rules",
      description =
          "The rules root: a folder of rule sets, or one rule set folder (default: rules).")
  Path rules;

  @Option(names = "--strict", description = "Also compare each turn's request digest.")
  boolean strict;

  @Option(
      names = "--update",
      description = "Rewrite expectations from what the rules do now, and show what changed.")
  boolean update;

  @Option(
      names = "--impact",
      paramLabel = "OTHER_RULES_DIR",
      description =
          "List the turns whose constructs, variables or requests another version of the rules would change.")
  Path impact;

  @Option(
      names = "--coverage",
      description = "List the rules never fired and constructs never applied.")
  boolean coverage;

  @Option(
      names = "--progress",
      description = "Show a progress bar even when stderr is not a terminal.")
  boolean progress;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    List<Path> given = paths.isEmpty() ? List.of(Path.of("conversations")) : paths;
    for (Path path : given) {
      if (!Files.exists(path)) {
        System.err.println(path + ": no such file or folder");
        return 2;
      }
    }
    ProgressBar bar =
        new ProgressBar(System.err, progress || System.console() != null, "conversations");
    Replay.Builder builder = Replay.builder().rules(rules).progress(bar);
    if (strict) {
      builder.strict();
    }
    Replay replay = builder.build();
    if (impact != null) {
      ImpactReport report = replay.impact(given, impact);
      bar.clear();
      out.print(report.text());
      return report.errors().isEmpty() ? 0 : 1;
    }
    if (update) {
      ReplayReport report = replay.update(given);
      bar.clear();
      for (ReplayReport.FileResult f : report.files()) {
        if (f.error() != null) {
          out.print(f.text());
        } else if (!f.differences().isEmpty()) {
          out.println("updated " + f.file() + ":");
          f.differences().forEach(d -> out.println("  " + d));
        }
      }
      long updated =
          report.files().stream()
              .filter(f -> f.error() == null && !f.differences().isEmpty())
              .count();
      out.println(updated + " of " + report.files().size() + " conversation(s) updated");
      return report.files().stream().anyMatch(f -> f.error() != null) ? 1 : 0;
    }
    ReplayReport report = replay.run(given);
    bar.clear();
    out.print(report.failures());
    out.print(report.table());
    if (coverage) {
      report.coverage().forEach(c -> out.print(c.text()));
    }
    return report.passed() ? 0 : 1;
  }

  /** A one-line bar on stderr, redrawn in place; silent when off. */
  static final class ProgressBar implements BiConsumer<Integer, Integer> {
    private final PrintStream err;
    private final boolean on;
    private final String things;
    private boolean drawn;

    ProgressBar(PrintStream err, boolean on, String things) {
      this.err = err;
      this.on = on;
      this.things = things;
    }

    @Override
    public void accept(Integer done, Integer total) {
      if (!on || total == 0) {
        return;
      }
      int width = 30;
      int filled = done * width / total;
      err.print(
          "\r["
              + "#".repeat(filled)
              + " ".repeat(width - filled)
              + "] "
              + done
              + "/"
              + total
              + " "
              + things);
      err.flush();
      drawn = true;
    }

    void clear() {
      if (drawn) {
        err.print("\r" + " ".repeat(60) + "\r");
        err.flush();
        drawn = false;
      }
    }
  }
}
