package dev.armature;

/** The model could not give a reply. The turn changed nothing. */
public final class ModelException extends ArmatureException {
  private static final long serialVersionUID = 1L;
  private final boolean retriable;

  public ModelException(String message, boolean retriable, Throwable cause) {
    super(message, cause);
    this.retriable = retriable;
  }

  @Override
  public boolean retriable() {
    return retriable;
  }
}
