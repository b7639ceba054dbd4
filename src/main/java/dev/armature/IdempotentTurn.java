package dev.armature;

/**
 * The answer to a turn sent with an idempotency key: it ran now, or it had already committed and
 * its receipt is returned instead of running it again.
 */
public sealed interface IdempotentTurn {
  /** The receipt's body: what the caller made of the result when the turn committed. */
  String body();

  /** The turn ran and committed now. */
  record Ran(TurnResult result, String body) implements IdempotentTurn {}

  /** The key had committed a turn of this conversation before; it did not run again. */
  record Replayed(TurnReceipt receipt) implements IdempotentTurn {
    @Override
    public String body() {
      return receipt.body();
    }
  }
}
