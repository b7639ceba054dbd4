package dev.armature.server;

import dev.armature.Orchestrator;
import dev.armature.Problem;
import dev.armature.RuleSetException;
import dev.armature.ruleset.LiveRuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The rule sets a server serves, by name, each live and with its own orchestrator. */
final class RuleSets implements AutoCloseable {
  /** One served rule set. */
  record Served(String name, LiveRuleSet live, Orchestrator orchestrator) {}

  private final Map<String, Served> byName;

  private RuleSets(Map<String, Served> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /**
   * Loads every rule set in {@code dir} (itself a rule set, or a folder of rule sets) and follows
   * their folders.
   *
   * @throws RuleSetException when there is none, when one does not load (its problems prefixed by
   *     its folder), or when two share a name
   */
  static RuleSets load(Path dir, Clock clock, Function<LiveRuleSet, Orchestrator> orchestrator) {
    List<Path> folders = RuleSetLoader.folders(dir);
    if (folders.isEmpty()) {
      throw new RuleSetException(
          new Problem(dir.toString(), 0, 0, "no ruleset.yaml here or in a folder below"));
    }
    Map<String, Served> served = new LinkedHashMap<>();
    try {
      for (Path folder : folders) {
        LiveRuleSet live = load(folder, clock);
        String name = live.current().name();
        Served previous = served.get(name);
        if (previous != null) {
          live.close();
          throw new RuleSetException(
              new Problem(
                  folder.resolve("ruleset.yaml").toString(),
                  0,
                  0,
                  "rule set name '"
                      + name
                      + "' is already served from "
                      + previous.live().directory()));
        }
        served.put(name, new Served(name, live, orchestrator.apply(live)));
      }
    } catch (RuntimeException e) {
      new RuleSets(served).close();
      throw e;
    }
    served.values().forEach(s -> s.live().watch());
    return new RuleSets(served);
  }

  private static LiveRuleSet load(Path folder, Clock clock) {
    try {
      return LiveRuleSet.load(folder, clock);
    } catch (RuleSetException e) {
      List<Problem> located = new ArrayList<>();
      e.problems()
          .forEach(
              p ->
                  located.add(
                      new Problem(
                          folder.resolve(p.file()).toString(), p.line(), p.column(), p.message())));
      throw new RuleSetException(located);
    }
  }

  /** The rule sets in name order. */
  List<Served> all() {
    return byName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  /**
   * The rule set of that name; with no name, the only one served.
   *
   * @throws ApiError 404 for a name not served, 400 for no name when several are served
   */
  Served get(String name, String param) {
    if (name == null || name.isBlank()) {
      if (byName.size() == 1) {
        return byName.values().iterator().next();
      }
      throw ApiError.badRequest(
          "missing_ruleset",
          param,
          "'"
              + param
              + "' is required: this server serves the rule sets "
              + String.join(", ", names()));
    }
    Served served = byName.get(name);
    if (served == null) {
      throw ApiError.notFound(
          "model_not_found",
          param,
          "rule set '" + name + "' is not served here; served: " + String.join(", ", names()));
    }
    return served;
  }

  List<String> names() {
    return all().stream().map(Served::name).toList();
  }

  /** Any served orchestrator: they share one store. */
  Orchestrator anyOrchestrator() {
    return all().get(0).orchestrator();
  }

  @Override
  public void close() {
    for (Served s : byName.values()) {
      s.orchestrator().close();
      s.live().close();
    }
  }
}
