package dev.armature.eval;

import dev.armature.ArmatureException;

/**
 * A labelled-messages file or a label mapping cannot be read. The message names the file, the line
 * and the value, such as {@code eval/messages.csv:14: label 'refnd' is not in eval.yaml; expected
 * one of [billing, refund]}.
 */
public final class EvalInputException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  EvalInputException(String message) {
    super(message, null);
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
