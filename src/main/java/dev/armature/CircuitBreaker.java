package dev.armature;

import java.util.function.LongSupplier;

/**
 * Stops calling a model that keeps failing. After {@code threshold} failures in a row the circuit
 * opens and calls fail fast; after the cooldown one trial call goes through, and its success closes
 * the circuit again.
 */
final class CircuitBreaker {
  private final int threshold;
  private final long cooldownNanos;
  private final LongSupplier ticker;
  private int failures;
  private long openedAt;
  private boolean open;
  private boolean trialRunning;

  CircuitBreaker(int threshold, long cooldownNanos, LongSupplier ticker) {
    this.threshold = threshold;
    this.cooldownNanos = cooldownNanos;
    this.ticker = ticker;
  }

  /** Whether a call may go through now. */
  synchronized boolean allow() {
    if (!open) {
      return true;
    }
    if (!trialRunning && ticker.getAsLong() - openedAt >= cooldownNanos) {
      trialRunning = true;
      return true;
    }
    return false;
  }

  /** Records a success; true when it closed an open circuit. */
  synchronized boolean success() {
    boolean closed = open;
    failures = 0;
    open = false;
    trialRunning = false;
    return closed;
  }

  /** Records a failure; true when it opened the circuit (not when it was open already). */
  synchronized boolean failure() {
    failures++;
    trialRunning = false;
    boolean opened = !open && failures >= threshold;
    if (open || failures >= threshold) {
      open = true;
      openedAt = ticker.getAsLong();
    }
    return opened;
  }

  synchronized boolean isOpen() {
    return open;
  }
}
