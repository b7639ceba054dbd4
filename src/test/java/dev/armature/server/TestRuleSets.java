package dev.armature.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the test rule set {@code basic} under other names, in folders the tests may edit. */
final class TestRuleSets {
  static final Path BASIC = Path.of("src/test/resources/rulesets/basic");

  private TestRuleSets() {}

  /** Copies {@code basic} to {@code parent/name}, named {@code name} in its ruleset.yaml. */
  static Path copy(Path parent, String name) {
    Path target = dev.armature.testing.Folders.copy(BASIC, parent.resolve(name));
    try {
      Path yaml = target.resolve("ruleset.yaml");
      Files.writeString(
          yaml, Files.readString(yaml).replaceFirst("(?m)^name: basic$", "name: " + name));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
