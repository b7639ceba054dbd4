package dev.armature.replay;

import dev.armature.RuleSetException;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the rule set a conversation names under a rules root ({@code rules/} holding one folder per
 * rule set, or one rule set folder), loading each folder once.
 */
final class RuleSets {
  private final Path root;
  private final Map<Path, Object> loaded = new ConcurrentHashMap<>();

  RuleSets(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * The rule set named {@code name}.
   *
   * @throws IllegalArgumentException saying what was looked for, where, and what is there
   */
  RuleSet resolve(String name) {
    if (Files.isRegularFile(root.resolve("ruleset.yaml"))) {
      RuleSet single = load(root);
      String folder = root.toAbsolutePath().normalize().getFileName().toString();
      if (single.name().equals(name) || folder.equals(name)) {
        return single;
      }
      throw new IllegalArgumentException(
          "unknown rule set '"
              + name
              + "': the rules folder "
              + root
              + " holds rule set '"
              + single.name()
              + "' only");
    }
    Path dir = root.resolve(name);
    if (name.contains("/")
        || name.contains("\\")
        || name.startsWith(".")
        || !Files.isRegularFile(dir.resolve("ruleset.yaml"))) {
      throw new IllegalArgumentException(
          "unknown rule set '" + name + "': no folder " + dir + " with a ruleset.yaml");
    }
    return load(dir);
  }

  private RuleSet load(Path dir) {
    Object found =
        loaded.computeIfAbsent(
            dir.toAbsolutePath().normalize(),
            d -> {
              try {
                return RuleSetLoader.load(d);
              } catch (RuleSetException e) {
                return "rule set at " + dir + " does not load: " + e.getMessage();
              }
            });
    if (found instanceof String) {
      throw new IllegalArgumentException((String) found);
    }
    return (RuleSet) found;
  }
}
