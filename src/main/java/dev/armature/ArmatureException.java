package dev.armature;

/**
 * The root of every exception Armature throws. Subclasses say what the caller should do: {@link
 * #retriable()} is true only when the same call may succeed later unchanged.
 */
public abstract class ArmatureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected ArmatureException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether repeating the same call, unchanged, may succeed. */
  public abstract boolean retriable();
}
