package dev.armature.replay;

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
    dev.armature.testing.BrokenEdits.replaceOnce(file, from, to);
  }
}
