package dev.armature;

import java.time.Duration;
import java.util.Objects;

/**
 * How a turn treats an unreliable model.
 *
 * @param deadline the most time the model calls of one turn may take, retries and waits included
 * @param maxRetries retries after a retriable failure (at most 2 by default); never for a refusal
 * @param backoff the wait before the first retry; it doubles for each later one, and a provider's
 *     {@code Retry-After} replaces it when longer
 * @param breakerThreshold failures in a row after which the circuit opens and calls fail fast
 * @param breakerCooldown how long the circuit stays open before one trial call is let through
 */
public record ModelPolicy(
    Duration deadline,
    int maxRetries,
    Duration backoff,
    int breakerThreshold,
    Duration breakerCooldown) {

  /** 30 s deadline, 2 retries from 250 ms, circuit open after 5 failures for 30 s. */
  public static final ModelPolicy DEFAULT =
      new ModelPolicy(Duration.ofSeconds(30), 2, Duration.ofMillis(250), 5, Duration.ofSeconds(30));

  public ModelPolicy {
    Objects.requireNonNull(deadline, "deadline == null");
    Objects.requireNonNull(backoff, "backoff == null");
    Objects.requireNonNull(breakerCooldown, "breakerCooldown == null");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive but was " + deadline);
    }
    if (maxRetries < 0 || maxRetries > 5) {
      throw new IllegalArgumentException("maxRetries must be from 0 to 5 but was " + maxRetries);
    }
    if (breakerThreshold < 1) {
      throw new IllegalArgumentException(
          "breakerThreshold must be >= 1 but was " + breakerThreshold);
    }
  }
}
