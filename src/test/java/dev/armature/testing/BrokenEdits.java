package dev.armature.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The corpus of realistic broken edits in {@code src/test/resources/edits/broken-edits.yaml}: each
 * replaces one text in one file of a copy of the support rule set, and names the position and the
 * message {@code check} must give.
 */
public final class BrokenEdits {
  /** The rule set the edits apply to: a frozen copy of {@code rules/support}. */
  public static final Path BASE = Path.of("src/test/resources/edits/support");

  /** Its gate conversations, found by its {@code gate: conversations/support}. */
  public static final Path GATE = Path.of("src/test/resources/edits/conversations/support");

  private static final Path CORPUS = Path.of("src/test/resources/edits/broken-edits.yaml");

  private BrokenEdits() {}

  /**
   * One broken edit.
   *
   * @param at {@code file:line:col} of the first problem, the file relative to the rule set
   */
  public record Edit(
      String name, String file, String find, String replace, String at, String message) {
    /** Applies the edit to the rule set copy in {@code dir}; the text must occur exactly once. */
    public void apply(Path dir) {
      replaceOnce(dir.resolve(file), find, replace);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** Every edit of the corpus. */
  public static List<Edit> all() {
    try {
      ObjectMapper yaml =
          new ObjectMapper(new YAMLFactory())
              .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
      return List.of(yaml.readValue(CORPUS.toFile(), Edit[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A copy of the base rule set at {@code root/rules/support} with its gate conversations at {@code
   * root/conversations/support}; returns the rule set folder.
   */
  public static Path copy(Path root) {
    Folders.copy(GATE, root.resolve("conversations/support"));
    return Folders.copy(BASE, root.resolve("rules/support"));
  }

  /** Replaces the one occurrence of {@code from} in the file, failing when there is not one. */
  public static void replaceOnce(Path file, String from, String to) {
    try {
      String text = Files.readString(file);
      int at = text.indexOf(from);
      if (at < 0 || text.indexOf(from, at + 1) >= 0) {
        throw new IllegalArgumentException("'" + from + "' is not written exactly once in " + file);
      }
      Files.writeString(file, text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
