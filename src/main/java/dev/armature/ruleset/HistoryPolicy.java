package dev.armature.ruleset;

/**
 * How much of the past a turn sees.
 *
 * @param maxTokens the budget for earlier messages in the request, estimated as characters / 4
 * @param maxTurns the most earlier exchanges the request may carry
 * @param remember how many earlier turns give {@code Applied} and {@code Seen} facts
 */
public record HistoryPolicy(int maxTokens, int maxTurns, int remember) {
  public static final HistoryPolicy DEFAULT = new HistoryPolicy(1500, 10, 5);

  public HistoryPolicy {
    if (maxTokens < 0 || maxTurns < 0 || remember < 0) {
      throw new IllegalArgumentException("history values must be >= 0");
    }
  }

  /** How many earlier turns a conversation must keep for this policy. */
  public int keep() {
    return Math.max(maxTurns, remember);
  }
}
