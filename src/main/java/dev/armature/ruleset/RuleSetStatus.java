package dev.armature.ruleset;

import dev.armature.Problem;
import java.time.Instant;
import java.util.List;

/**
 * Where a live rule set stands.
 *
 * @param version the version serving now
 * @param loadedAt when that version was swapped in
 * @param lastError the problems of the most recent rejected edit since then, or empty
 * @param lastErrorAt when that edit was rejected, or {@code null}
 * @param reloads versions swapped in since the first load
 * @param rejected edits rejected since the first load
 */
public record RuleSetStatus(
    String name,
    String version,
    Instant loadedAt,
    List<Problem> lastError,
    Instant lastErrorAt,
    long reloads,
    long rejected) {
  public RuleSetStatus {
    lastError = List.copyOf(lastError);
  }
}
