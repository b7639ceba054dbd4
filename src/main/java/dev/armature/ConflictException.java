package dev.armature;

/**
 * Another turn of the same conversation committed first; this turn changed nothing. Running the
 * turn again, on the new state, may succeed.
 */
public final class ConflictException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message, null);
  }

  @Override
  public boolean retriable() {
    return true;
  }
}
