package dev.armature;

/**
 * The turn was cancelled through its {@link Cancellation} (on a server: its client went away)
 * before it committed; its model call was aborted and the conversation is unchanged.
 */
public final class TurnCancelledException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  public TurnCancelledException(String message) {
    super(message, null);
  }

  @Override
  public boolean retriable() {
    return true;
  }
}
