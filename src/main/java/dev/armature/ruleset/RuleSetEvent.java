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
   * @param gateNanos the time spent replaying the rule set's gate conversations on it (0 without a
   *     gate)
   */
  record Swapped(
      String ruleSet, String from, String to, Instant at, long buildNanos, long gateNanos)
      implements RuleSetEvent {}

  /**
   * An edit did not go into service; {@code serving} is the version that keeps serving. Its
   * problems are what {@code armature check} reports, or, for an edit that checks clean, each turn
   * of a gate conversation that it changes: the conversation file, the turn's line, and how the
   * turn changed.
   */
  record Rejected(String ruleSet, String serving, List<Problem> problems, Instant at)
      implements RuleSetEvent {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
