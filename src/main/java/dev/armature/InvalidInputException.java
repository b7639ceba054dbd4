package dev.armature;

/**
 * The caller's input was refused (empty or oversized text, a bad attribute); nothing was changed.
 */
public final class InvalidInputException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message, null);
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
