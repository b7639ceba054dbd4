package dev.armature.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of folders for tests that edit them: a rule set, a few conversations. */
final class Copies {
  private Copies() {}

  static Path copy(Path from, Path to) {
    return dev.armature.testing.Folders.copy(from, to);
  }

  /**
   * Replaces the one occurrence of {@code from} in the file, failing when there is not exactly one.
   */
  static void edit(Path file, String from, String to) {
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
