package dev.armature.replay;

import java.nio.file.Path;
import java.util.List;

/**
 * The turns that another version of the rules would change: for each, what changes in its
 * constructs, its variables after the turn, or the requests sent to the model.
 *
 * @param errors the files that could not run, each with file, line and field
 */
public record ImpactReport(
    List<Change> changes, List<String> errors, int conversations, int turns) {
  public ImpactReport {
    changes = List.copyOf(changes);
    errors = List.copyOf(errors);
  }

  /**
   * One turn that would change, and how: {@code constructs [a, b] -> [a]}, {@code var stage:
   * helping -> handoff}, ...
   */
  public record Change(Path file, int turn, int line, String user, List<String> what) {
    public Change {
      what = List.copyOf(what);
    }

    @Override
    public String toString() {
      return file + " turn " + turn + " (line " + line + "): " + String.join("; ", what);
    }
  }

  /** One line per changed turn, then a total. */
  public String text() {
    StringBuilder out = new StringBuilder();
    errors.forEach(e -> out.append(e).append('\n'));
    changes.forEach(c -> out.append(c).append('\n'));
    long files = changes.stream().map(Change::file).distinct().count();
    out.append(changes.size())
        .append(" of ")
        .append(turns)
        .append(" turn(s) in ")
        .append(files)
        .append(" of ")
        .append(conversations)
        .append(" conversation(s) would change\n");
    return out.toString();
  }
}
