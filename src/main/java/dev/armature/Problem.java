package dev.armature;

import java.util.Objects;

/**
 * One problem in a rule set: the file relative to the rule set folder, the line and column
 * (1-based; 0 when unknown), and what is wrong.
 */
public record Problem(String file, int line, int column, String message) {
  public Problem {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(message, "message == null");
  }

  /** {@code file:line:col: message}, the form compilers use and editors link. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
