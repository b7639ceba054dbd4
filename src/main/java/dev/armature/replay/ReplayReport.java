package dev.armature.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a replay found: per conversation file, every difference between what the turns were expected
 * to do and what the rules do now, or the problem that kept the file from running; and per rule
 * set, the rules that never fired and the constructs never applied.
 */
public record ReplayReport(List<FileResult> files, List<Coverage> coverage) {
  public ReplayReport {
    files = List.copyOf(files);
    coverage = List.copyOf(coverage);
  }

  /**
   * One conversation file.
   *
   * @param error why the file could not run (a {@link ConversationFileException}'s message), or
   *     {@code null}
   */
  public record FileResult(
      Path file,
      String name,
      String ruleSet,
      int turns,
      List<Difference> differences,
      String error) {
    public FileResult {
      Objects.requireNonNull(file, "file == null");
      differences = List.copyOf(differences);
    }

    /** Whether the file ran and every turn did what was expected. */
    public boolean passed() {
      return error == null && differences.isEmpty();
    }

    /**
     * The report of this file: its name, then each difference or its error on a line of its own.
     */
    public String text() {
      StringBuilder out = new StringBuilder();
      if (error != null) {
        return out.append(error).append('\n').toString();
      }
      out.append(file)
          .append(": ")
          .append(passed() ? "ok" : differences.size() + " difference(s)")
          .append(" (")
          .append(turns)
          .append(" turns, rule set ")
          .append(ruleSet)
          .append(")\n");
      differences.forEach(d -> out.append("  ").append(d).append('\n'));
      return out.toString();
    }
  }

  /** A turn that did not do what was expected. */
  public record Difference(int turn, int line, String message) {
    @Override
    public String toString() {
      return "turn " + turn + " (line " + line + "): " + message;
    }
  }

  /**
   * Rules that no replayed turn fired and constructs none applied, for one rule set.
   *
   * @param neverFired each as {@code name (file:line)}
   */
  public record Coverage(
      String ruleSet,
      int rules,
      int constructs,
      List<String> neverFired,
      List<String> neverApplied) {
    public Coverage {
      neverFired = List.copyOf(neverFired);
      neverApplied = List.copyOf(neverApplied);
    }

    public String text() {
      StringBuilder out =
          new StringBuilder(
              "coverage of rule set "
                  + ruleSet
                  + ": "
                  + (rules - neverFired.size())
                  + "/"
                  + rules
                  + " rules fired, "
                  + (constructs - neverApplied.size())
                  + "/"
                  + constructs
                  + " constructs applied\n");
      neverFired.forEach(r -> out.append("  rule never fired: ").append(r).append('\n'));
      neverApplied.forEach(c -> out.append("  construct never applied: ").append(c).append('\n'));
      return out.toString();
    }
  }

  /** Whether every file ran and every turn did what was expected. */
  public boolean passed() {
    return files.stream().allMatch(FileResult::passed);
  }

  /** The number of turns replayed. */
  public int turns() {
    return files.stream().mapToInt(FileResult::turns).sum();
  }

  /** Every file's report, failing files only, then nothing else: empty when all passed. */
  public String failures() {
    StringBuilder out = new StringBuilder();
    files.stream().filter(f -> !f.passed()).forEach(f -> out.append(f.text()));
    return out.toString();
  }

  /** A table of the files: status, turns, differences, name; and a total line. */
  public String table() {
    StringBuilder out =
        new StringBuilder(
            String.format("%-6s %5s %5s  %s%n", "status", "turns", "diffs", "conversation"));
    for (FileResult f : files) {
      String status = f.error != null ? "ERROR" : f.passed() ? "ok" : "FAIL";
      out.append(
          String.format("%-6s %5d %5d  %s%n", status, f.turns(), f.differences().size(), f.file()));
    }
    long failed = files.stream().filter(f -> !f.passed()).count();
    out.append(
        String.format(
            "%d conversation(s), %d turn(s), %d failed%n", files.size(), turns(), failed));
    return out.toString();
  }
}
