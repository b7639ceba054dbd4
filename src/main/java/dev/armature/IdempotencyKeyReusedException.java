package dev.armature;

/**
 * An idempotency key that already committed a turn of the conversation came again with a different
 * input (text, attributes or rule set); nothing ran. Repeating the same call cannot succeed.
 */
public final class IdempotencyKeyReusedException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException(String message) {
    super(message, null);
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
