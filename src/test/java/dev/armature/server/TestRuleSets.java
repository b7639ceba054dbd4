package dev.armature.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the test rule set {@code basic} under other names, in folders the tests may edit. */
final class TestRuleSets {
  static final Path BASIC = Path.of("src/test/resources/rulesets/basic");

  private TestRuleSets() {}

  /** Copies {@code basic} to {@code parent/name}, named {@code name} in its ruleset.yaml. */
  static Path copy(Path parent, String name) {
    Path target = parent.resolve(name);
    try (Stream<Path> files = Files.walk(BASIC)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(BASIC.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(to);
        } else {
          Files.copy(source, to);
        }
      }
      Path yaml = target.resolve("ruleset.yaml");
      Files.writeString(
          yaml, Files.readString(yaml).replaceFirst("(?m)^name: basic$", "name: " + name));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
