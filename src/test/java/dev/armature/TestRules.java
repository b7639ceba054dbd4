package dev.armature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test rule sets are, and copies of them that a test may break. */
final class TestRules {
  static final Path BASIC = Path.of("src/test/resources/rulesets/basic");

  private TestRules() {}

  /** A copy of a rule set folder under {@code target}, to edit. */
  static Path copy(Path source, Path into) {
    return dev.armature.testing.Folders.copy(source, into);
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
