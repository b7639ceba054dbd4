package dev.armature.ruleset;

import dev.armature.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a rule set's {@code gate:}: a conversation file or folder, written relative to the
 * rule set folder or to a folder above it (so {@code conversations/support} in {@code
 * rules/support/ruleset.yaml} finds the project's {@code conversations/support}), or else to the
 * working directory.
 *
 * @param written the entry as {@code ruleset.yaml} gives it
 * @param base the folder it was found from
 */
public record GatePath(String written, Path base) {
  /** The file or folder the entry names. */
  public Path path() {
    return base.resolve(written).normalize();
  }

  /** How a file under this entry reads in a message: relative to {@link #base()}. */
  public String display(Path file) {
    return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** Finds each entry from the rule set folder upwards; an entry found nowhere is a problem. */
  static List<GatePath> resolve(
      List<String> entries, Path dir, String yaml, List<Problem> problems) {
    List<GatePath> gate = new ArrayList<>();
    if (entries == null) {
      return gate;
    }
    for (String entry : entries) {
      GatePath found = null;
      if (entry != null && !entry.isBlank() && !Path.of(entry).isAbsolute()) {
        for (Path base = dir; base != null && found == null; base = base.getParent()) {
          if (Files.exists(base.resolve(entry))) {
            found = new GatePath(entry, base);
          }
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (found == null && Files.exists(workingDirectory.resolve(entry))) {
          found = new GatePath(entry, workingDirectory);
        }
      }
      if (found == null) {
        problems.add(
            new Problem(
                RuleSetLoader.RULESET_FILE,
                Math.max(1, Yaml.lineOfKey(yaml, "gate")),
                1,
                "field 'gate': no conversation file or folder '"
                    + entry
                    + "' in the rule set folder, a folder above it or the working directory;"
                    + " write a path such as"
                    + " conversations/"
                    + dir.getFileName()));
      } else {
        gate.add(found);
      }
    }
    return gate;
  }
}
