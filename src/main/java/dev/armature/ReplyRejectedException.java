package dev.armature;

/**
 * The review rules rejected the model's reply twice (the first reply and the corrective retry) and
 * no rule replaced it. The turn changed nothing.
 */
public final class ReplyRejectedException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  public ReplyRejectedException(String message) {
    super(message, null);
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
