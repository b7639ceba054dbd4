package dev.armature.ruleset;

import dev.armature.Problem;
import dev.armature.RuleSetException;
import dev.armature.signals.SignalSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles and lints a rule set without running anything. Errors are what keeps it from loading;
 * warnings are what loads but is probably a mistake: a construct that no rule applies, a signal
 * that no rule reads.
 */
public final class RuleSetCheck {
  private RuleSetCheck() {}

  /**
   * What a check found.
   *
   * @param ruleSet the loaded rule set, or {@code null} when it has errors
   */
  public record Report(
      Path directory, RuleSet ruleSet, List<Problem> errors, List<Problem> warnings) {
    public Report {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  /** Checks the rule set in {@code directory}. */
  public static Report check(Path directory) {
    RuleSet ruleSet;
    try {
      ruleSet = RuleSetLoader.load(directory);
    } catch (RuleSetException e) {
      return new Report(directory, null, e.problems(), List.of());
    }
    Map<String, String> files = RuleSetLoader.readFiles(directory.toAbsolutePath().normalize());
    List<DrlSource> drl = new ArrayList<>();
    files.forEach(
        (file, text) -> {
          if (file.endsWith(".drl")) {
            drl.add(new DrlSource(file, text, "lint"));
          }
        });
    List<Problem> warnings = new ArrayList<>();
    Set<String> applied = new TreeSet<>();
    drl.forEach(d -> applied.addAll(d.appliedConstructs()));
    for (String id : ruleSet.constructs().keySet()) {
      if (!applied.contains(id)) {
        warnings.add(
            new Problem(
                "constructs/" + id + ".md",
                1,
                1,
                "construct '"
                    + id
                    + "' is applied by no rule (no new Apply(\""
                    + id
                    + "\") or Reject naming it)"));
      }
    }
    String yaml = files.get(RuleSetLoader.RULESET_FILE);
    Map<String, SignalSpec> specs =
        Yaml.read(RuleSetLoader.RULESET_FILE, yaml, RuleSetYaml.class, 0).value().signals();
    if (specs != null) {
      new java.util.TreeMap<>(specs)
          .forEach(
              (name, spec) -> {
                boolean setsVariables =
                    !spec.capture().isEmpty() || Boolean.TRUE.equals(spec.redact());
                if (!setsVariables && drl.stream().noneMatch(d -> d.mentions(name))) {
                  warnings.add(
                      new Problem(
                          RuleSetLoader.RULESET_FILE,
                          Yaml.lineOfKey(yaml, name),
                          1,
                          "signal '"
                              + name
                              + "' is read by no rule (no rule names \""
                              + name
                              + "\")"));
                }
              });
    }
    return new Report(directory, ruleSet, List.of(), warnings);
  }
}
