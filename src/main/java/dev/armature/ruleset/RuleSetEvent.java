package dev.armature.ruleset;

import dev.armature.Problem;
import java.time.Instant;
import java.util.List;

/** What happened to a live rule set: a new version was swapped in, or an edit was rejected. */
public sealed interface RuleSetEvent permits RuleSetEvent.Swapped, RuleSetEvent.Rejected {
  /** The rule set's name. */
  String ruleSet();

  /** When it happened. */
  Instant at();

  /**
   * A new version now serves new turns; turns already running finish on the old one.
   *
   * @param buildNanos the time spent reading, checking and compiling the new version
   */
  record Swapped(String ruleSet, String from, String to, Instant at, long buildNanos)
      implements RuleSetEvent {}

  /** An edit did not load; {@code serving} is the version that keeps serving. */
  record Rejected(String ruleSet, String serving, List<Problem> problems, Instant at)
      implements RuleSetEvent {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
